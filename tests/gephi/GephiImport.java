// Imports files with the Gephi toolkit (the importers of Gephi desktop) and prints what Gephi
// read, one JSON object per line on stdout: node and edge counts, whether the graph is
// directed, counts by the node column "type", by edge kind (Gephi's edge type) and by the edge
// column "relation", the node columns with their types, the import report's issues, and the
// label, colour (0-255), position and size of the nodes asked for (--node ID, repeatable).
//
//   java -cp gephi-toolkit-0.10.1-all.jar tests/gephi/GephiImport.java [--node ID]... \
//       FILE [FILE...] [+ FILE [FILE...]]...
//
// Each group (separated by "+") goes into a new workspace; the files of a group into the same
// one (the first with DefaultProcessor, the next with AppendProcessor), as Gephi's "append to
// workspace" does for a nodes table and an edges table.
import java.io.File;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.AppendProcessor;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public class GephiImport {
    static String quote(Object value) {
        if (value == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    static String counts(Map<String, Integer> map) {
        List<String> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(quote(k) + ": " + v));
        return "{" + String.join(", ", items) + "}";
    }

    static void count(Map<String, Integer> map, Object key) {
        map.merge(key == null ? "" : key.toString(), 1, Integer::sum);
    }

    static Column byTitle(Iterable<Column> table, String title) {
        for (Column column : table) if (column.getTitle().equalsIgnoreCase(title)) return column;
        return null;
    }

    public static void main(String[] args) throws Exception {
        List<String> probes = new ArrayList<>();
        List<List<File>> groups = new ArrayList<>();
        groups.add(new ArrayList<>());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--node")) probes.add(args[++i]);
            else if (args[i].equals("+")) groups.add(new ArrayList<>());
            else groups.get(groups.size() - 1).add(new File(args[i]));
        }
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        for (List<File> files : groups) {
            Workspace workspace = projects.newWorkspace(projects.getCurrentProject());
            System.out.println(read(files, workspace, probes));
        }
        System.exit(0);
    }

    static String read(List<File> files, Workspace workspace, List<String> probes)
            throws FileNotFoundException {
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        List<String> issues = new ArrayList<>();
        boolean first = true;
        for (File file : files) {
            Container container = importer.importFile(file);
            if (container == null) throw new IllegalStateException("no importer for " + file);
            Iterator<Issue> reported = container.getReport().getIssues(100000);
            while (reported.hasNext()) {
                Issue issue = reported.next();
                issues.add(quote(issue.getLevel() + ": " + issue.getMessage()));
            }
            importer.process(container, first ? new DefaultProcessor() : new AppendProcessor(),
                             workspace);
            first = false;
        }
        GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        Graph graph = model.getGraph();
        Column nodeType = byTitle(model.getNodeTable(), "type");
        Column relation = byTitle(model.getEdgeTable(), "relation");
        Map<String, Integer> nodeTypes = new TreeMap<>(), kinds = new TreeMap<>(),
            relations = new TreeMap<>();
        for (Node node : graph.getNodes()) {
            count(nodeTypes, nodeType == null ? null : node.getAttribute(nodeType));
        }
        for (Edge edge : graph.getEdges()) {
            count(kinds, model.getEdgeTypeLabel(edge.getType()));
            count(relations, relation == null ? null : edge.getAttribute(relation));
        }
        List<String> columns = new ArrayList<>();
        for (Column column : model.getNodeTable()) {
            columns.add(quote(column.getTitle() + ":" + column.getTypeClass().getSimpleName()));
        }
        List<String> probed = new ArrayList<>();
        for (String probe : probes) {
            Node node = graph.getNode(probe);
            if (node == null) continue;
            probed.add(quote(probe) + ": " + String.format(Locale.ROOT,
                "{\"label\": %s, \"r\": %d, \"g\": %d, \"b\": %d, \"x\": %.3f, \"y\": %.3f, "
                + "\"size\": %.3f}", quote(node.getLabel()), Math.round(node.r() * 255),
                Math.round(node.g() * 255), Math.round(node.b() * 255), node.x(), node.y(),
                node.size()));
        }
        return "{\"nodes\": " + graph.getNodeCount() + ", \"edges\": " + graph.getEdgeCount()
            + ", \"directed\": " + graph.isDirected()
            + ", \"node_types\": " + counts(nodeTypes) + ", \"edge_kinds\": " + counts(kinds)
            + ", \"relations\": " + counts(relations)
            + ", \"node_columns\": [" + String.join(", ", columns) + "]"
            + ", \"probes\": {" + String.join(", ", probed) + "}"
            + ", \"issues\": [" + String.join(", ", issues) + "]}";
    }
}
