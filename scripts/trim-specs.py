#!/usr/bin/env python3
"""Trim Amazon's Ads API and SP-API spec files down to what the sandbox contract tests need.

Reads the originals from ../shared/specs/{ads-api,sp-api}/ (next to this checkout), checks them
against the sha256 recorded in src/test/resources/contracts/SOURCES.md, keeps only the operations
the sandbox simulates plus the components (OpenAPI 3) or definitions (Swagger 2, the SP-API models)
they reference, removes every `description` and `summary` (Amazon's prose, including OAuth scope
explanations; Response objects keep an empty description because OpenAPI requires the member) and
writes the result to src/test/resources/contracts/<api>/. Structure, enums, defaults and examples
(facts) are kept; the SP-API models' `x-amzn-api-sandbox` blocks and doc-generator tables are
dropped from the contract copies.

It also copies the few SP-API static sandbox examples the simulator answers (request parameters
and response bodies: facts) to src/main/resources/dev/adsgraph/sandbox/sp/sp-api-static-examples.json,
because runtime code must not read test resources.

The vendor retail analytics report schemas (GET_VENDOR_SALES_REPORT, GET_VENDOR_TRAFFIC_REPORT) and
the SP-API models that are not in ../shared/specs (MIRRORED_SP_MODELS: product pricing) are read
from a bare git mirror of amzn/selling-partner-api-models at the snapshot the repository cites
(--mirror, default ../.mirror/amzn+selling-partner-api-models/repo), checked against their sha256
the same way.

The Ads API files that are not in ../shared/specs (MIRRORED_ADS_SPECS: billing) are read the same
way from a bare mirror of the repository that committed Amazon's file (--ads-mirrors, default
../.mirror), at the commit recorded here.

Usage: python3 scripts/trim-specs.py [--source DIR] [--mirror GITDIR] [--ads-mirrors DIR]   (needs PyYAML and git)
"""
import argparse
import copy
import hashlib
import json
import pathlib
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "src/test/resources/contracts"
STATIC_EXAMPLES = ROOT / "src/main/resources/dev/adsgraph/sandbox/sp/sp-api-static-examples.json"

# Ads API: file -> (sha256 of the original, {path: [methods kept]})
SPECS = {
    "AdvertisingAccounts_prod_3p.json": (
        "7ae5f99beb6a91982743d7a7924ff7bdda0c7a8b77b28f435f821ab507b0f3fb",
        {
            "/adsAccounts": ["post"],
            "/adsAccounts/list": ["post"],
            "/adsAccounts/{advertisingAccountId}": ["get"],
            "/termsTokens": ["post"],
            "/termsTokens/{termsToken}": ["get"],
        },
    ),
    "Profiles_prod_3p.yaml": (
        "69572f7f4fb19e584f8914ee9d262bef7ede6a259bafcc89b346cd9af58ca9c3",
        {
            "/v2/profiles": ["get"],
            "/v2/profiles/{profileId}": ["get"],
        },
    ),
    "AmazonAdsAPIALLMerged_prod_3p_ALL.json": (
        "b12d6ae0b1f460995cb440e8f8fb75e9f5e395a3eafff3aa3e8fbbd2d54b0b2e",
        {
            "/adsApi/v1/create/advertiserAccounts": ["post"],
            "/adsApi/v1/update/advertiserAccounts": ["post"],
            "/adsApi/v1/query/advertiserAccounts": ["post"],
            "/adsApi/v1/query/sellingAccounts": ["post"],
            "/adsApi/v1/query/campaigns": ["post"],
            "/adsApi/v1/query/adGroups": ["post"],
            "/adsApi/v1/query/ads": ["post"],
            "/adsApi/v1/query/targets": ["post"],
            "/adsApi/v1/update/campaigns": ["post"],
            "/adsApi/v1/update/adGroups": ["post"],
            "/adsApi/v1/update/ads": ["post"],
            "/adsApi/v1/delete/campaigns": ["post"],
            "/adsApi/v1/delete/ads": ["post"],
        },
    ),
    # Its request/response examples (mostly DSP column lists) are dropped: they are 60 % of the file
    # and slow every contract test down; the sandbox simulates sponsored products only.
    "OfflineReport_prod_3p.json": (
        "c761a172b4277b6ccf970028f9185265b59df50eddcca3b29dc67d9e5dbe013c",
        {
            "/reporting/reports": ["post"],
            "/reporting/reports/{reportId}": ["get", "delete"],
        },
    ),
}

# Ads API files not in ../shared/specs, read from a bare git mirror of the repository that carries
# Amazon's file (--ads-mirror DIR for the directory holding the mirrors): trimmed file ->
# (mirror directory name, commit, path in that repository, sha256 of the original, {path: [methods kept]}).
MIRRORED_ADS_SPECS = {
    # Amazon's billing OpenAPI file as vanling1111/amazon-ads-api-python-sdk committed it (MIT).
    "AdvertisingBilling_prod_3p.json": (
        "vanling1111+amazon-ads-api-python-sdk",
        "4703aa1e46ba4b8b6caaa140ba455a6a0c7d511c",
        "specs/AdvertisingBilling_prod_3p.json",
        "c198b15b52ec5a530c5b6ec6e49a927d281ddd8b483cec779416dd858ff58932",
        {
            "/billing/statuses": ["post"],
            "/billing/notifications": ["post"],
            "/invoices": ["get"],
            "/invoices/{invoiceId}": ["get"],
            "/billing/paymentMethods/list": ["post"],
        },
    ),
}

# SP-API (Swagger 2.0 models): file -> (sha256, {path: [methods kept]}); None keeps a JSON Schema whole.
SP_SPECS = {
    "sellers.json": (
        "497862ea32de8040453649986e2cd7c6fcc15b55e8022becc783e4a6d6ffcffd",
        {"/sellers/v1/marketplaceParticipations": ["get"]},
    ),
    "catalogItems_2022-04-01.json": (
        "1a029b01df1d847d3057740a6e877f89f2ab78104b5b4d8f4b839f8d00f600c2",
        {"/catalog/2022-04-01/items": ["get"], "/catalog/2022-04-01/items/{asin}": ["get"]},
    ),
    "listingsItems_2021-08-01.json": (
        "ddba7322661a227b6148dabadaf93da15dde6dfe0eb828c04e9f8b653b8d2557",
        {"/listings/2021-08-01/items/{sellerId}": ["get"], "/listings/2021-08-01/items/{sellerId}/{sku}": ["get"]},
    ),
    "fbaInventory.json": (
        "7c14bcdb22de8ca2df45e5a40f2a422cff344d45985a68b9515b2e800edcc5ab",
        {"/fba/inventory/v1/summaries": ["get"]},
    ),
    "sales.json": (
        "dd590a0cbf3fe49181492a761a66eadcd21aa6e5b0cb24c55ea4695ece593a5f",
        {"/sales/v1/orderMetrics": ["get"]},
    ),
    "reports_2021-06-30.json": (
        "d72db9e5280262a92933a0e45e2207c150272f1d66177b2517c20671d69c732c",
        {
            "/reports/2021-06-30/reports": ["get", "post"],
            "/reports/2021-06-30/reports/{reportId}": ["get", "delete"],
            "/reports/2021-06-30/documents/{reportDocumentId}": ["get"],
        },
    ),
    "sellerSalesAndTrafficReport.json": (
        "912c0d01073c4770f8bbd1e24f5553afa197920ac12b37d2b59726118c21105d",
        None,
    ),
}

# JSON Schemas read from the amzn/selling-partner-api-models mirror at SP_MODELS_SNAPSHOT:
# trimmed file -> (path in that repository, sha256 of the original).
SP_MODELS_SNAPSHOT = "34dc93fe45f37c9a0b2e56823c808f68b4f81754"
MIRRORED_SP_SCHEMAS = {
    "vendorSalesReport.json": (
        "schemas/reports/vendorSalesReport.json",
        "e92f5072c086331a13a48c6755bbc709fbbb6a3702bebb77ba4678be795aaed9",
    ),
    "vendorTrafficReport.json": (
        "schemas/reports/vendorTrafficReport.json",
        "fad79af9e6bd91bf329d0be88030ed1426d91195ea5e830eb00cbf634cbc276d",
    ),
}

# Swagger models read from the same mirror at SP_MODELS_SNAPSHOT, trimmed like SP_SPECS:
# trimmed file -> (path in that repository, sha256 of the original, {path: [methods kept]}).
MIRRORED_SP_MODELS = {
    "productPricing_2022-05-01.json": (
        "models/product-pricing-api-model/productPricing_2022-05-01.json",
        "db6ffeab130bf1d4ab8fa47e4e83417d30d9cb682b3ce53f74ed51b62f6f817c",
        {"/batches/products/pricing/2022-05-01/items/competitiveSummary": ["post"]},
    ),
}

# Static sandbox examples the simulator answers: (model, operationId, status, index among that
# status's examples, replacement request parameters or None). Only examples keyed by values no
# fixture uses are carried, most specific first; getListingsItem's 200 example matches any request
# in the model ({"body": {}}), so the sandbox keys it on the example's own SKU.
STATIC = [
    ("catalogItems_2022-04-01.json", "searchCatalogItems", "200", 0, None),
    ("catalogItems_2022-04-01.json", "searchCatalogItems", "400", 0, None),
    ("catalogItems_2022-04-01.json", "getCatalogItem", "200", 0, None),
    ("listingsItems_2021-08-01.json", "getListingsItem", "200", 0, {"sku": {"value": "GM-ZDPI-9B4E"}}),
    ("listingsItems_2021-08-01.json", "getListingsItem", "400", 0, None),
    ("listingsItems_2021-08-01.json", "searchListingsItems", "200", 0, None),
    ("listingsItems_2021-08-01.json", "searchListingsItems", "400", 0, None),
    ("sales.json", "getOrderMetrics", "200", 2, None),
    ("sales.json", "getOrderMetrics", "200", 3, None),
    ("reports_2021-06-30.json", "getReports", "200", 0, None),
    ("reports_2021-06-30.json", "getReports", "400", 0, None),
    ("reports_2021-06-30.json", "createReport", "202", 0, None),
    ("reports_2021-06-30.json", "createReport", "400", 0, None),
    ("reports_2021-06-30.json", "getReport", "200", 0, None),
    ("reports_2021-06-30.json", "getReport", "400", 0, None),
    ("reports_2021-06-30.json", "cancelReport", "200", 0, None),
    ("reports_2021-06-30.json", "getReportDocument", "200", 0, None),
    ("reports_2021-06-30.json", "getReportDocument", "400", 0, None),
]

WITHOUT_EXAMPLES = {"OfflineReport_prod_3p.json"}

PROSE = {"description", "summary"}
# Vendor extensions dropped from contract copies: the sandbox examples (carried separately) and the
# doc generator's tables.
DROPPED = {"x-amzn-api-sandbox", "x-docgen-enum-table-extension"}
# Members whose children are names or data, not OpenAPI keywords: a property called "description"
# is structure, and example values are payloads.
VERBATIM_CHILDREN = {"properties", "example", "default", "enum", "value"}


def strip_prose(node, verbatim=False):
    if isinstance(node, dict):
        if verbatim:
            return {key: strip_prose(value, False) for key, value in node.items()}
        stripped = {
            key: ({scope: "" for scope in value} if key == "scopes" else strip_prose(value, key in VERBATIM_CHILDREN))
            for key, value in node.items()
            if (key not in PROSE or not isinstance(value, str)) and key not in DROPPED
        }
        if isinstance(stripped.get("responses"), dict):
            # OpenAPI requires a description on every Response object: keep the member, drop the text.
            stripped["responses"] = {
                status: response if "$ref" in response else {"description": "", **response}
                for status, response in stripped["responses"].items()
            }
        return stripped
    if isinstance(node, list):
        return [strip_prose(item, False) for item in node]
    return node


def resolve(spec, ref):
    node = spec
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def collect_refs(node, spec, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in found:
            found.add(ref)
            collect_refs(resolve(spec, ref), spec, found)
        for value in node.values():
            collect_refs(value, spec, found)
    elif isinstance(node, list):
        for item in node:
            collect_refs(item, spec, found)


def trim(spec, keep):
    out = {key: copy.deepcopy(value) for key, value in spec.items() if key not in ("paths", "components", "tags")}
    out["paths"] = {}
    for path, methods in keep.items():
        item = spec["paths"][path]
        out["paths"][path] = {method: item[method] for method in methods}
        if "parameters" in item:
            out["paths"][path]["parameters"] = item["parameters"]
    refs = set()
    collect_refs(out["paths"], spec, refs)
    components = {}
    for ref in sorted(refs):
        _, _, kind, name = ref.split("/", 3)
        components.setdefault(kind, {})[name] = spec["components"][kind][name]
    schemes = set()
    for requirement in spec.get("security", []):
        schemes.update(requirement)
    for item in out["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                for requirement in operation.get("security", []):
                    schemes.update(requirement)
    if schemes:
        components["securitySchemes"] = {
            name: scheme for name, scheme in spec["components"]["securitySchemes"].items() if name in schemes
        }
    out["components"] = components
    return strip_prose(out)


def trim_swagger(spec, keep):
    sections = ("definitions", "parameters", "responses")
    out = {key: copy.deepcopy(value) for key, value in spec.items() if key not in ("paths", "tags") + sections}
    out["paths"] = {}
    for path, methods in keep.items():
        item = spec["paths"][path]
        out["paths"][path] = {method: item[method] for method in methods}
        if "parameters" in item:
            out["paths"][path]["parameters"] = item["parameters"]
    refs = set()
    collect_refs(out["paths"], spec, refs)
    for ref in sorted(refs):
        _, section, name = ref.split("/", 2)
        out.setdefault(section, {})[name] = spec[section][name]
    out = strip_prose(out)
    # Swagger 2 keys response examples by media type; sales.json keys them by name ("payload"), which
    # the OpenAPI converter would turn into a bogus media type that hides the real schema.
    for item in out["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                for response in operation.get("responses", {}).values():
                    examples = response.get("examples")
                    if isinstance(examples, dict) and any("/" not in key for key in examples):
                        del response["examples"]
    return out


def static_examples(source):
    chosen = []
    for model, operation_id, status, index, parameters in STATIC:
        spec = json.loads((source / model).read_bytes())
        found = [
            op["responses"][status]["x-amzn-api-sandbox"]["static"][index]
            for item in spec["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and op.get("operationId") == operation_id
        ]
        example = found[0]
        chosen.append({
            "source": model,
            "operationId": operation_id,
            "status": int(status),
            "parameters": parameters if parameters is not None else example["request"]["parameters"],
            "response": example.get("response"),
        })
    return chosen


def checked(path, sha256):
    return checked_bytes(path.name, path.read_bytes(), sha256)


def checked_bytes(name, raw, sha256):
    actual = hashlib.sha256(raw).hexdigest()
    if actual != sha256:
        sys.exit(f"{name}: sha256 {actual} differs from the recorded {sha256}; update SOURCES.md first")
    return raw


def from_ads_mirror(mirrors, name, commit, path):
    """A file at a pinned commit of a bare mirror under ``mirrors`` (the commit pins it, not the HEAD)."""
    return subprocess.run(
        ["git", "-C", str(mirrors / name / "repo"), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


def from_mirror(mirror, path):
    """The file at SP_MODELS_SNAPSHOT in the bare mirror (the commit pins it, not the mirror's HEAD)."""
    return subprocess.run(
        ["git", "-C", str(mirror), "show", f"{SP_MODELS_SNAPSHOT}:{path}"], check=True, capture_output=True
    ).stdout


def trim_schema(spec):
    """A JSON Schema: prose and the example documents go, the structure stays."""
    return {key: value for key, value in strip_prose(spec).items() if key != "examples"}


def drop_examples(node):
    if isinstance(node, dict):
        return {key: drop_examples(value) for key, value in node.items() if key not in ("examples", "example")}
    if isinstance(node, list):
        return [drop_examples(item) for item in node]
    return node


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=str(ROOT.parent / "shared/specs"))
    parser.add_argument("--mirror", default=str(ROOT.parent / ".mirror/amzn+selling-partner-api-models/repo"))
    parser.add_argument("--ads-mirrors", default=str(ROOT.parent / ".mirror"))
    args = parser.parse_args()
    source = pathlib.Path(args.source)
    mirror = pathlib.Path(args.mirror)
    target = CONTRACTS / "ads-api"
    target.mkdir(parents=True, exist_ok=True)
    for name, (sha256, keep) in SPECS.items():
        raw = checked(source / "ads-api" / name, sha256)
        if name.endswith(".yaml"):
            trimmed = trim(yaml.safe_load(raw), keep)
            text = yaml.safe_dump(trimmed, sort_keys=False, allow_unicode=True, width=120)
        else:
            trimmed = trim(json.loads(raw), keep)
            if name in WITHOUT_EXAMPLES:
                trimmed = drop_examples(trimmed)
            text = json.dumps(trimmed, indent=2, ensure_ascii=False) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(raw)} -> {len(text.encode())} bytes, {len(keep)} paths")
    for name, (mirror_name, commit, path, sha256, keep) in MIRRORED_ADS_SPECS.items():
        raw = checked_bytes(name, from_ads_mirror(pathlib.Path(args.ads_mirrors), mirror_name, commit, path), sha256)
        text = json.dumps(trim(json.loads(raw), keep), indent=2, ensure_ascii=False) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(raw)} -> {len(text.encode())} bytes, {len(keep)} paths (mirror @ {commit[:12]})")
    target = CONTRACTS / "sp-api"
    target.mkdir(parents=True, exist_ok=True)
    for name, (sha256, keep) in SP_SPECS.items():
        raw = checked(source / "sp-api" / name, sha256)
        spec = json.loads(raw)
        if keep is None:
            trimmed = trim_schema(spec)
        else:
            trimmed = trim_swagger(spec, keep)
        text = json.dumps(trimmed, indent=2, ensure_ascii=False) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        print(f"sp-api/{name}: {len(raw)} -> {len(text.encode())} bytes")
    for name, (path, sha256) in MIRRORED_SP_SCHEMAS.items():
        raw = checked_bytes(name, from_mirror(mirror, path), sha256)
        text = json.dumps(trim_schema(json.loads(raw)), indent=2, ensure_ascii=False) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        print(f"sp-api/{name}: {len(raw)} -> {len(text.encode())} bytes (mirror @ {SP_MODELS_SNAPSHOT[:12]})")
    for name, (path, sha256, keep) in MIRRORED_SP_MODELS.items():
        raw = checked_bytes(name, from_mirror(mirror, path), sha256)
        text = json.dumps(trim_swagger(json.loads(raw), keep), indent=2, ensure_ascii=False) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        print(f"sp-api/{name}: {len(raw)} -> {len(text.encode())} bytes (mirror @ {SP_MODELS_SNAPSHOT[:12]})")
    examples = static_examples(source / "sp-api")
    STATIC_EXAMPLES.parent.mkdir(parents=True, exist_ok=True)
    STATIC_EXAMPLES.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{STATIC_EXAMPLES.name}: {len(examples)} examples")


if __name__ == "__main__":
    main()
