#!/usr/bin/env python3
"""Trim Amazon's Ads API spec files down to what the sandbox contract tests need.

Reads the originals from ../shared/specs/ads-api/ (next to this checkout), checks them against
the sha256 recorded in src/test/resources/contracts/SOURCES.md, keeps only the operations the
sandbox simulates plus the components they reference, removes every `description` and `summary`
(Amazon's prose, including OAuth scope explanations; Response objects keep an empty description
because OpenAPI requires the member) and writes the result to src/test/resources/contracts/ads-api/.
Structure, enums, defaults and examples (facts) are kept.

Usage: python3 scripts/trim-specs.py [--source DIR]   (needs PyYAML for the profiles file)
"""
import argparse
import copy
import hashlib
import json
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "src/test/resources/contracts/ads-api"

# file -> (sha256 of the original, {path: [methods kept]})
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
        },
    ),
}

PROSE = {"description", "summary"}
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
            if key not in PROSE or not isinstance(value, str)
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


def collect_refs(node, spec, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/") and ref not in found:
            found.add(ref)
            _, _, kind, name = ref.split("/", 3)
            collect_refs(spec["components"][kind][name], spec, found)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=str(ROOT.parent / "shared/specs/ads-api"))
    source = pathlib.Path(parser.parse_args().source)
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (sha256, keep) in SPECS.items():
        raw = (source / name).read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if actual != sha256:
            sys.exit(f"{name}: sha256 {actual} differs from the recorded {sha256}; update SOURCES.md first")
        if name.endswith(".yaml"):
            trimmed = trim(yaml.safe_load(raw), keep)
            text = yaml.safe_dump(trimmed, sort_keys=False, allow_unicode=True, width=120)
        else:
            trimmed = trim(json.loads(raw), keep)
            text = json.dumps(trimmed, indent=2, ensure_ascii=False) + "\n"
        (TARGET / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(raw)} -> {len(text.encode())} bytes, {len(keep)} paths")


if __name__ == "__main__":
    main()
