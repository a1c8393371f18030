"""What people and tools receive: tables, maps, images, the report, exports."""
