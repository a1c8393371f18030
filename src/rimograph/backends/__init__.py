"""Servers that hold the same graph: Neo4j."""
