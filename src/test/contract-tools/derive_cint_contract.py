#!/usr/bin/env python3
"""Derive the project's Cint contract document from Cint's published Demand API OpenAPI document.

Usage:
    python3 src/test/contract-tools/derive_cint_contract.py \
        <path/to/cint-demand-openapi-2025-12-18.yml> \
        [src/test/resources/contract/cint-recontact-openapi.yaml]

What it does (deterministically, so the output can be regenerated and diffed):
  1. keeps only the operations listed in OPERATIONS (plus the path-level parameters of their paths);
  2. keeps every component those operations reference, transitively (schemas, parameters, responses,
     headers, requestBodies, securitySchemes named by global/operation security), and nothing else;
  3. drops documentation-only keywords: `example`, `examples`; shortens `description` to its first line
     (max DESCRIPTION_MAX chars). Keyword removal never touches map keys that are *names* (a property called
     `description` stays). No schema constraint is changed by this step;
  4. applies the documented deviations (see DEVIATIONS / apply_deviations), each one marked with an
     `x-recontact-deviation` extension at the changed node.

`servers` is copied verbatim; the tests point the validator at `/sandbox/cint/v1` with a base-path override.
Requires python3 + PyYAML.
"""
import copy
import sys

import yaml

OPERATIONS = [
    "get_list_target_groups",
    "create_target_group",
    "get_target_group",
    "update_target_group",
    "recontact_create_upload_respondents_by_file_job",
    "recontact_list_upload_respondents_by_file_jobs",
    "get_recontact_upload_respondents_by_file_job",
    "recontact_download_job_file",
    "create_all_recontact_rsids_removal_job",
    "recontacts_remove_all_rsids_job_status",
    "get_recontacts_overview",
    "get_target_group_rsid_recontact_list",
    "create_launch_fielding_run_from_draft_job",
    "get_launch_fielding_run_from_draft_job",
    "get_target_group_overview",
    "get_target_group_performance",
    "get_fielding_runs_by_target_group_id",
    "get_fielding_run",
    "pause_fielding_run",
    "resume_fielding_run",
    "create_bulk_complete_target_groups_job",
    "get_bulk_complete_target_groups_job",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keys whose values are maps from user-chosen *names* to objects: inside them a key such as
# "description" or "example" is a name, not a keyword, and must never be stripped.
NAME_MAPS = {
    "properties", "paths", "responses", "headers", "content", "encoding", "links", "callbacks",
    "variables", "schemas", "parameters", "requestBodies", "securitySchemes", "mapping", "scopes",
}
DOC_ONLY = {"example", "examples"}
DESCRIPTION_MAX = 160

RECONTACT_TEMPLATE_ID = "01JH0PEGPC4Z8RDD304E2SF0EW"
ULID_PATTERN = "^[0-9A-Z]{26}$"

DEVIATION_TEMPLATE_REQUEST = (
    "Recontact guide (seed 002, 'How to recontact respondents', step 1) requires "
    "allocations: {template_id: '" + RECONTACT_TEMPLATE_ID + "'} (Recontact global allocations template) "
    "without open_exchange_allocations; the 2025-12-18 schema has no template_id and requires "
    "open_exchange_allocations. The seed guide wins: either shape is accepted."
)
DEVIATION_TEMPLATE_RESPONSE = (
    "Recontact guide (seed 002): a recontact draft created with allocations.template_id may echo "
    "template_id in the GET draft response's allocations; not in the 2025-12-18 schema."
)

DEVIATION_NULL_TRACE = (
    "Seed guide 002 (upload and remove-all job examples) and the spec's own examples return "
    "job_trace_id: null; the 2025-12-18 schema types it as a non-nullable string."
)
DEVIATION_NULL_LAUNCH = (
    "The spec's own GetLaunchFieldingRunFromDraftJobResponse examples return {name}: null; "
    "the 2025-12-18 schema does not mark it nullable."
)
NORMALIZATION_NULLABLE = (
    "validator compatibility (no change of meaning): source has nullable: true without a type next to a "
    "composition (allOf/oneOf/anyOf); by the OAS 3.0.3 wording and in the Atlassian validator that does not "
    "admit null, although the spec's descriptions and examples use null. Rewritten as anyOf(original, null-only schema)."
)

REF_PREFIX = "#/components/"


def die(msg):
    sys.stderr.write("derive_cint_contract: " + msg + "\n")
    sys.exit(1)


def strip_docs(node, in_name_map=False):
    """Remove documentation-only keywords; shorten descriptions. Returns a new tree."""
    if isinstance(node, list):
        return [strip_docs(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if not in_name_map:
            if key in DOC_ONLY:
                continue
            if key == "description" and isinstance(value, str):
                first = value.strip().splitlines()[0].strip() if value.strip() else ""
                if len(first) > DESCRIPTION_MAX:
                    first = first[: DESCRIPTION_MAX - 3].rstrip() + "..."
                out[key] = first
                continue
        child_is_name_map = (not in_name_map) and key in NAME_MAPS
        out[key] = strip_docs(value, child_is_name_map)
    return out


def collect_refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith(REF_PREFIX):
                die("unsupported (non-local) $ref: " + ref)
            found.add(ref)
        for v in node.values():
            collect_refs(v, found)
    elif isinstance(node, list):
        for v in node:
            collect_refs(v, found)


def resolve_pointer(doc, ref):
    parts = ref[2:].split("/")
    cur = doc
    for p in parts:
        p = p.replace("~1", "/").replace("~0", "~")
        if not isinstance(cur, dict) or p not in cur:
            die("dangling $ref: " + ref)
        cur = cur[p]
    return cur


def select_paths(src):
    wanted = set(OPERATIONS)
    seen = set()
    paths = {}
    for path, item in src["paths"].items():
        kept = {}
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict) and op.get("operationId") in wanted:
                kept[method] = op
                seen.add(op["operationId"])
        if kept:
            new_item = {}
            # path-level fields (parameters, summary, ...) are kept because the operations inherit them
            for k, v in item.items():
                if k not in HTTP_METHODS:
                    new_item[k] = v
            new_item.update(kept)
            paths[path] = new_item
    missing = wanted - seen
    if missing:
        die("operations not found in source: " + ", ".join(sorted(missing)))
    return paths


def derive(src):
    paths = select_paths(src)
    out = {
        "openapi": src["openapi"],
        "info": {
            "title": src["info"]["title"] + " (recontact subset, derived)",
            "version": src["info"]["version"],
            "description": (
                "Derived by src/test/contract-tools/derive_cint_contract.py from Cint's Demand API "
                + src["info"]["version"]
                + ". Only the operations Recontact Orchestrator uses and the components they reference. "
                "Examples removed, descriptions shortened, constraints unchanged; deviations are marked "
                "with x-recontact-deviation and listed in docs/cint-contract.md."
            ),
        },
        "servers": copy.deepcopy(src.get("servers", [])),
    }
    if "security" in src:
        out["security"] = copy.deepcopy(src["security"])

    used_tags = []
    for item in paths.values():
        for method in HTTP_METHODS:
            for t in item.get(method, {}).get("tags", []) if method in item else []:
                if t not in used_tags:
                    used_tags.append(t)
    tags = [copy.deepcopy(t) for t in src.get("tags", []) if t.get("name") in used_tags]
    if tags:
        out["tags"] = tags
    out["paths"] = copy.deepcopy(paths)

    # transitive closure over component references
    refs = set()
    collect_refs(out["paths"], refs)
    done = set()
    while refs - done:
        ref = sorted(refs - done)[0]
        done.add(ref)
        collect_refs(resolve_pointer(src, ref), refs)

    components = {}
    for ref in sorted(done):
        _, _, section, name = ref.split("/", 3)
        if "/" in name:
            die("deep component reference not supported: " + ref)
        components.setdefault(section, {})[name] = copy.deepcopy(src["components"][section][name])

    # security schemes named by global or operation-level security requirements
    scheme_names = set()
    for req in out.get("security", []):
        scheme_names.update(req.keys())
    for item in out["paths"].values():
        for method in HTTP_METHODS:
            for req in item.get(method, {}).get("security", []) if method in item else []:
                scheme_names.update(req.keys())
    for name in sorted(scheme_names):
        components.setdefault("securitySchemes", {})[name] = copy.deepcopy(
            src["components"]["securitySchemes"][name]
        )

    order = ["schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes"]
    out["components"] = {
        s: {k: components[s][k] for k in sorted(components[s])} for s in order if s in components
    }
    out = strip_docs(out)
    apply_deviations(out)
    return out


def _is_bare_nullable(node):
    return isinstance(node, dict) and node.get("nullable") is True and set(node) <= {"nullable", "description"}


def normalize_nullable_compositions(node):
    """Rewrite 'nullable without type next to a composition' into anyOf(original, null-only schema)."""
    if isinstance(node, list):
        return [normalize_nullable_compositions(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: normalize_nullable_compositions(v) for k, v in node.items()}
    composed = any(k in node for k in ("allOf", "oneOf", "anyOf"))
    own = node.get("nullable") is True and "type" not in node and composed
    in_all_of = isinstance(node.get("allOf"), list) and any(_is_bare_nullable(m) for m in node["allOf"])
    if not (own or in_all_of):
        return node
    inner = {k: v for k, v in node.items() if k not in ("nullable", "description")}
    if in_all_of:
        inner["allOf"] = [m for m in inner["allOf"] if not _is_bare_nullable(m)]
    out = {}
    if "description" in node:
        out["description"] = node["description"]
    out["x-recontact-deviation"] = NORMALIZATION_NULLABLE
    # "null only": nullable object that is not an object (an {enum: [null]} branch is typed string by the parser)
    out["anyOf"] = [inner, {"type": "object", "nullable": True, "not": {"type": "object"}}]
    return out

DEVIATION_EMPTY_BODY = (
    "Cint's document declares an optional request body with 'content: {}' (no media type): 'An empty request body "
    "is required'. The validator cannot load a body without a media type, so the requestBody is dropped; the "
    "client sends none."
)


def drop_empty_request_bodies(doc):
    for path, item in doc["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            body = op.get("requestBody") if isinstance(op, dict) else None
            if isinstance(body, dict) and body.get("content") == {} and not body.get("required", False):
                del op["requestBody"]
                op["x-recontact-deviation"] = DEVIATION_EMPTY_BODY


def apply_deviations(doc):
    drop_empty_request_bodies(doc)
    schemas = doc["components"]["schemas"]
    doc["components"]["schemas"] = schemas = normalize_nullable_compositions(schemas)

    for name in ("JobTraceId",):
        schemas[name]["nullable"] = True
        schemas[name]["x-recontact-deviation"] = DEVIATION_NULL_TRACE
    for name, prop in (("FieldingRunID", "created_fielding_run_id"), ("FieldingRunJobFailureReason", "failure_reason")):
        if "type" not in schemas[name]:
            die(name + " has no type; cannot mark it nullable")
        schemas[name]["nullable"] = True
        schemas[name]["x-recontact-deviation"] = DEVIATION_NULL_LAUNCH.format(name=prop)
    template_only = {
        "type": "object",
        "description": "Recontact allocations: reference to a global allocations template.",
        "x-recontact-deviation": DEVIATION_TEMPLATE_REQUEST,
        "required": ["template_id"],
        "properties": {"template_id": {"type": "string", "pattern": ULID_PATTERN}},
    }
    for request_schema in ("CreateDraftTargetGroupRequest", "UpdateDraftTargetGroupRequest"):
        props = schemas[request_schema]["properties"]
        original = props["allocations"]
        if set(original.keys()) != {"$ref"}:
            die("unexpected allocations shape in " + request_schema + ": " + repr(original))
        props["allocations"] = {
            "x-recontact-deviation": DEVIATION_TEMPLATE_REQUEST,
            "anyOf": [copy.deepcopy(original), copy.deepcopy(template_only)],
        }

    fetch = schemas["FetchTargetGroupResponse"]["properties"]["allocations"]
    target = schemas[fetch["$ref"].split("/")[-1]] if "$ref" in fetch else fetch
    if "template_id" in target.get("properties", {}):
        die("source already defines allocations.template_id in the GET draft response")
    target["properties"]["template_id"] = {
        "type": "string",
        "pattern": ULID_PATTERN,
        "x-recontact-deviation": DEVIATION_TEMPLATE_RESPONSE,
    }


HEADER = """\
# GENERATED FILE - do not edit by hand.
# Source : Cint Exchange Demand API OpenAPI document, info.version {version}
# Tool   : src/test/contract-tools/derive_cint_contract.py <source.yml> <this file>
# Content: only the operations Recontact Orchestrator uses and their transitive components;
#          examples removed, descriptions shortened, constraints unchanged.
# Deviations from the source are marked with x-recontact-deviation (see docs/cint-contract.md).
"""


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        die("usage: derive_cint_contract.py <source-openapi.yml> [<output.yaml>]")
    with open(argv[1], encoding="utf-8") as f:
        src = yaml.safe_load(f)
    out = derive(src)
    text = HEADER.format(version=src["info"]["version"]) + yaml.safe_dump(
        out, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False
    )
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)
