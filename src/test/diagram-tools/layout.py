#!/usr/bin/env python3
"""Writes the diagram layout (BPMN DI) of a bpmn/*.bpmn file from a small layout spec, and checks it: no sequence
flow crosses another or runs through a shape other than its own ends, and no two labels overlap.

Usage: python3 src/test/diagram-tools/layout.py bpmn/toluna-recontact-quota.bpmn src/test/diagram-tools/toluna-recontact-quota.layout.json
The spec: {"shapes": {"Id": [cx, cy] or [x, y, w, h] for containers}, "edges": {"FlowId": [[x, y], ...]}}; an edge
without waypoints runs straight from the source's right to the target's left. Optional: "edgeLabels" {"FlowId": [x, y]},
"labelsAbove"/"labelsBelow" [Id], "labelBounds" {"Id": [x, y, w, h]} for any label, and "allowedCrossings"
[["FlowA", "FlowB"]] for a crossing the graph cannot avoid (say why in "why").
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
SIZES = {"task": (110, 80), "gateway": (50, 50), "event": (36, 36)}


def kind(tag):
    tag = tag.split("}")[1]
    if tag.endswith("Task") or tag in ("task", "callActivity"):
        return "task"
    if tag.endswith("Gateway"):
        return "gateway"
    if tag.endswith("Event"):
        return "event"
    if tag == "subProcess":
        return "container"
    return None


def main(bpmn_path, spec_path):
    text = open(bpmn_path, encoding="utf-8").read()
    spec = json.load(open(spec_path, encoding="utf-8"))
    root = ET.fromstring(text)
    process = root.find("bpmn:process", NS)
    elements, flows, names, attached = {}, {}, {}, {}
    for el in process.iter():
        k = kind(el.tag) if "}" in el.tag else None
        if k and el.get("id"):
            elements[el.get("id")] = k
            names[el.get("id")] = el.get("name") or ""
            if el.get("attachedToRef"):
                attached[el.get("id")] = el.get("attachedToRef")
        if el.tag.endswith("}sequenceFlow"):
            flows[el.get("id")] = (el.get("sourceRef"), el.get("targetRef"), el.get("name") or "")
    bounds = {}
    for eid, k in elements.items():
        if eid not in spec["shapes"]:
            sys.exit("no position for " + eid)
        pos = spec["shapes"][eid]
        if k == "container":
            bounds[eid] = tuple(pos)
        else:
            w, h = SIZES[k]
            bounds[eid] = (pos[0] - w // 2, pos[1] - h // 2, w, h)
    waypoints = {}
    for fid, (src, dst, _) in flows.items():
        pts = spec["edges"].get(fid)
        if not pts:
            sx, sy, sw, sh = bounds[src]
            tx, ty, tw, th = bounds[dst]
            pts = [[sx + sw, sy + sh // 2], [tx, ty + th // 2]]
        waypoints[fid] = pts
    labels = {}
    for eid, k in elements.items():
        if names[eid] and k in ("gateway", "event"):
            x, y, w, h = bounds[eid]
            lw = 100
            lx, ly = x + w // 2 - lw // 2, y + h + 5
            if k == "gateway" and eid not in spec.get("labelsBelow", []):
                # right of the bottom corner, where flows leaving downwards do not run through the text
                lx, ly, lw = x + w // 2 + 5, y + h + 2, 90
            if eid in spec.get("labelsAbove", []):
                lx, ly, lw = x + w // 2 - 50, y - 32, 100
            labels[eid] = (lx, ly, lw, 27)
    for eid, box in spec.get("labelBounds", {}).items():
        labels[eid] = tuple(box)
    for fid, (src, dst, name) in flows.items():
        if name:
            labels[fid] = edge_label(waypoints[fid], name, spec.get("edgeLabels", {}).get(fid))
    allowed = {frozenset(pair) for pair in spec.get("allowedCrossings", [])}
    problems = check(flows, waypoints, bounds, elements, labels, attached, allowed)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    di = render(root, process, elements, bounds, waypoints, labels)
    text = re.sub(r"\s*<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", "", text, flags=re.S)
    text = text.replace("</bpmn:definitions>", di + "\n</bpmn:definitions>")
    open(bpmn_path, "w", encoding="utf-8").write(text)


def edge_label(pts, name, offset):
    best = max(range(len(pts) - 1), key=lambda i: abs(pts[i + 1][0] - pts[i][0]) + abs(pts[i + 1][1] - pts[i][1]))
    (x1, y1), (x2, y2) = pts[best], pts[best + 1]
    w = max(30, 8 * len(name))
    if offset:
        return (offset[0], offset[1], w, 14)
    if y1 == y2:
        return (min(x1, x2) + abs(x2 - x1) // 2 - w // 2, y1 - 20, w, 14)
    return (x1 + 6, min(y1, y2) + abs(y2 - y1) // 2 - 7, w, 14)


def segments(pts):
    return [(pts[i], pts[i + 1]) for i in range(len(pts) - 1)]


def crosses(a, b):
    (ax1, ay1), (ax2, ay2) = a
    (bx1, by1), (bx2, by2) = b
    if ax1 == ax2 and by1 == by2:
        return min(bx1, bx2) < ax1 < max(bx1, bx2) and min(ay1, ay2) < by1 < max(ay1, ay2)
    if ay1 == ay2 and bx1 == bx2:
        return crosses(b, a)
    return False


def through(seg, box):
    (x1, y1), (x2, y2) = seg
    x, y, w, h = box
    if x1 == x2:
        return x < x1 < x + w and min(y1, y2) < y + h and max(y1, y2) > y
    if y1 == y2:
        return y < y1 < y + h and min(x1, x2) < x + w and max(x1, x2) > x
    return False


def overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def check(flows, waypoints, bounds, elements, labels, attached, allowed):
    problems = []
    ids = list(flows)
    for i, f in enumerate(ids):
        for g in ids[i + 1:]:
            for s in segments(waypoints[f]):
                for t in segments(waypoints[g]):
                    if crosses(s, t) and frozenset((f, g)) not in allowed:
                        problems.append("crossing: %s and %s" % (f, g))
        src, dst, _ = flows[f]
        for eid, box in bounds.items():
            if eid in (src, dst) or elements[eid] == "container" or attached.get(src) == eid:
                continue
            for s in segments(waypoints[f]):
                if through(s, box):
                    problems.append("through shape: %s runs through %s" % (f, eid))
    keys = list(labels)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if overlap(labels[a], labels[b]):
                problems.append("labels overlap: %s and %s" % (a, b))
        for eid, box in bounds.items():
            if eid != a and elements[eid] != "container" and overlap(labels[a], box):
                problems.append("label of %s overlaps shape %s" % (a, eid))
    return sorted(set(problems))


def render(root, process, elements, bounds, waypoints, labels):
    pid = process.get("id")
    out = ['  <bpmndi:BPMNDiagram id="%s_diagram">' % pid,
           '    <bpmndi:BPMNPlane id="%s_plane" bpmnElement="%s">' % (pid, pid)]
    for eid, k in elements.items():
        x, y, w, h = bounds[eid]
        extra = ' isMarkerVisible="true"' if k == "gateway" else ""
        extra += ' isExpanded="true"' if k == "container" else ""
        out.append('      <bpmndi:BPMNShape id="%s_di" bpmnElement="%s"%s>' % (eid, eid, extra))
        out.append('        <dc:Bounds x="%d" y="%d" width="%d" height="%d" />' % (x, y, w, h))
        if eid in labels:
            lx, ly, lw, lh = labels[eid]
            out.append('        <bpmndi:BPMNLabel>\n          <dc:Bounds x="%d" y="%d" width="%d" height="%d" />'
                       '\n        </bpmndi:BPMNLabel>' % (lx, ly, lw, lh))
        out.append("      </bpmndi:BPMNShape>")
    for fid, pts in waypoints.items():
        out.append('      <bpmndi:BPMNEdge id="%s_di" bpmnElement="%s">' % (fid, fid))
        for x, y in pts:
            out.append('        <di:waypoint x="%d" y="%d" />' % (x, y))
        if fid in labels:
            lx, ly, lw, lh = labels[fid]
            out.append('        <bpmndi:BPMNLabel>\n          <dc:Bounds x="%d" y="%d" width="%d" height="%d" />'
                       '\n        </bpmndi:BPMNLabel>' % (lx, ly, lw, lh))
        out.append("      </bpmndi:BPMNEdge>")
    out.append("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>")
    return "\n".join(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
