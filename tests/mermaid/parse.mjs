// Parse Mermaid flowcharts with the real Mermaid parser and print what it read.
// Input (stdin): a JSON list of flowchart texts. Output (stdout): a JSON list, one entry per text:
// {"error": message} if Mermaid refused it, else {"type", "nodes": {id: label}, "subgraphs": {id: title},
// "edges": [[from, to, label]], "directives": the config the text set (init/frontmatter), "classes", "styles"}.
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
globalThis.DOMParser = window.DOMParser;
const { default: DOMPurify } = await import("dompurify");
globalThis.DOMPurify = DOMPurify(window);
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const text of texts) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const nodes = {};
    for (const [id, vertex] of db.getVertices()) nodes[id] = vertex.text;
    const subgraphs = {};
    for (const graph of db.getSubGraphs()) subgraphs[graph.id] = graph.title;
    const edges = db.getEdges().map((edge) => [edge.start, edge.end, edge.text]);
    const classes = [...db.getClasses().keys()];
    const styles = [...db.getVertices().values()].flatMap((vertex) => vertex.styles ?? []);
    const clicks = db.getTooltip ? Object.keys(db.tooltips ?? {}) : [];
    results.push({ type: diagram.type, nodes, subgraphs, edges, classes, styles, clicks,
                   directives: mermaid.mermaidAPI.getConfig().theme ?? null });
  } catch (error) {
    results.push({ error: String(error && error.message ? error.message : error).slice(0, 300) });
  }
}
process.stdout.write(JSON.stringify(results));
