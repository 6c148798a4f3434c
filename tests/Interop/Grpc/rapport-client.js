// Real @grpc/grpc-js client for the rapport.v1 partner API, loading protocol/rapport/v1 with proto-loader.
// usage: node rapport-client.js SCENARIO ADDRESS KEY [ARG]   -> prints one JSON result line
'use strict';
const path = require('path');
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const root = path.resolve(__dirname, '..', '..', '..');
const includeDirs = [path.join(root, 'protocol'), path.join(__dirname, 'protos')];
const loadOptions = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs };
const files = ['contacts', 'interactions', 'deals', 'consent', 'policy'].map((f) => `rapport/v1/${f}.proto`);

const [scenario, address, key, arg] = process.argv.slice(2);
const insecure = grpc.credentials.createInsecure();
const v1 = grpc.loadPackageDefinition(protoLoader.loadSync(files, loadOptions)).rapport.v1;

function print(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

function client(service, options) {
  return new v1[service](address, insecure, options || {});
}

function metadata(apiKey) {
  const md = new grpc.Metadata();
  if (apiKey) md.set('authorization', `Bearer ${apiKey}`);
  return md;
}

function unary(c, method, request, options, apiKey) {
  return new Promise((resolve) => {
    c[method](request, metadata(apiKey === undefined ? key : apiKey), options || {}, (err, response) => resolve({ err, response }));
  });
}

function decodeStatusDetails(err) {
  const values = err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (values.length === 0) return [];
  const rpc = new protobuf.Root();
  rpc.resolvePath = (_origin, target) => {
    for (const dir of includeDirs) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return target;
  };
  rpc.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: false });
  const status = rpc.lookupType('google.rpc.Status').decode(values[0]);
  return status.details.map((any) => {
    const typeUrl = any.typeUrl || any.type_url;
    if (typeUrl === 'type.googleapis.com/google.rpc.ErrorInfo') {
      const info = rpc.lookupType('google.rpc.ErrorInfo').decode(any.value);
      return { type: 'ErrorInfo', reason: info.reason, domain: info.domain, metadata: info.metadata };
    }
    if (typeUrl === 'type.googleapis.com/google.rpc.RetryInfo') {
      const delay = rpc.lookupType('google.rpc.RetryInfo').decode(any.value).retryDelay || {};
      return { type: 'RetryInfo', delayMs: Number(delay.seconds || 0) * 1000 + Math.round((delay.nanos || 0) / 1e6) };
    }
    return { type: typeUrl };
  });
}

function result({ err, response }) {
  return err ? { code: err.code, details: err.details, statusDetails: decodeStatusDetails(err) } : { code: 0, response };
}

const contacts = () => client('ContactsService');

const scenarios = {
  // arg: JSON request
  async get() { return result(await unary(contacts(), 'GetContact', JSON.parse(arg))); },
  async list() { return result(await unary(contacts(), 'ListContacts', JSON.parse(arg || '{}'))); },
  async upsert() { return result(await unary(contacts(), 'UpsertContact', JSON.parse(arg))); },
  async delete() { return result(await unary(contacts(), 'DeleteContact', JSON.parse(arg))); },
  async log() { return result(await unary(client('InteractionsService'), 'LogInteraction', JSON.parse(arg))); },
  async createDeal() { return result(await unary(client('DealsService'), 'CreateDeal', JSON.parse(arg))); },
  async moveDeal() { return result(await unary(client('DealsService'), 'MoveDeal', JSON.parse(arg))); },
  async closeDeal() { return result(await unary(client('DealsService'), 'CloseDeal', JSON.parse(arg))); },
  async forecast() { return result(await unary(client('DealsService'), 'Forecast', JSON.parse(arg || '{}'))); },
  async consentStatus() { return result(await unary(client('ConsentService'), 'GetConsentStatus', JSON.parse(arg))); },
  async receipts() { return result(await unary(client('ConsentService'), 'ListReceipts', JSON.parse(arg))); },
  async evaluate() { return result(await unary(client('PolicyService'), 'Evaluate', JSON.parse(arg))); },
  async evaluateBatch() { return result(await unary(client('PolicyService'), 'EvaluateBatch', JSON.parse(arg))); },

  async noKey() { return result(await unary(contacts(), 'ListContacts', {}, {}, null)); },

  async gzipList() {
    const c = new v1.ContactsService(address, insecure, { 'grpc.default_compression_algorithm': 2 });
    return result(await unary(c, 'ListContacts', { search: arg || '' }));
  },

  async oversized() {
    return result(await unary(contacts(), 'ListContacts', { search: 'x'.repeat(5 * 1024 * 1024) }));
  },

  async deadline() {
    // A 1 ms deadline cannot be met by a call that authenticates and audits through the store.
    return result(await unary(contacts(), 'ListContacts', {}, { deadline: new Date(Date.now() + 1) }));
  },

  async cancel() {
    return new Promise((resolve) => {
      const call = contacts().ListContacts({}, metadata(key), (err, response) => resolve(err ? { code: err.code } : { code: 0, response }));
      call.cancel();
    });
  },

  async burst() {
    // arg: how many calls at once; reports every status code and the first RESOURCE_EXHAUSTED's details.
    const n = Number(arg || 10);
    const c = contacts();
    const results = await Promise.all(Array.from({ length: n }, () => unary(c, 'ListContacts', { pageSize: 1 })));
    const codes = results.map((r) => (r.err ? r.err.code : 0));
    const limited = results.find((r) => r.err && r.err.code === grpc.status.RESOURCE_EXHAUSTED);
    return { codes, limited: limited ? decodeStatusDetails(limited.err) : null };
  },

  async timeline() {
    const call = client('InteractionsService').Timeline(JSON.parse(arg), metadata(key));
    const summaries = [];
    return new Promise((resolve) => {
      call.on('data', (m) => summaries.push(m.summary));
      call.on('error', (err) => resolve({ code: err.code, details: err.details, statusDetails: decodeStatusDetails(err), summaries }));
      call.on('end', () => resolve({ code: 0, summaries }));
    });
  },

  async health() {
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync('grpc/health/v1/health.proto', loadOptions));
    const h = new pkg.grpc.health.v1.Health(address, insecure);
    const check = await new Promise((resolve) => h.Check({ service: arg || '' }, (err, r) => resolve(err ? { code: err.code } : { code: 0, status: r.status })));
    const watch = await new Promise((resolve) => {
      const call = h.Watch({ service: arg || '' });
      call.on('data', (m) => { resolve({ status: m.status }); call.cancel(); });
      call.on('error', (err) => resolve({ code: err.code }));
    });
    return { check, watch };
  },

  async reflection() {
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync('grpc/reflection/v1/reflection.proto', loadOptions));
    const call = new pkg.grpc.reflection.v1.ServerReflection(address, insecure).ServerReflectionInfo();
    // Like grpcurl: list the services, then fetch the file that declares one (its methods are in the descriptor).
    const symbol = arg || 'rapport.v1.ContactsService';
    return new Promise((resolve) => {
      let services = null;
      call.on('data', (m) => {
        if (services === null) {
          services = m.listServicesResponse.service.map((s) => s.name);
          call.write({ fileContainingSymbol: symbol });
          return;
        }
        const files = m.fileDescriptorResponse ? m.fileDescriptorResponse.fileDescriptorProto.map((b) => Buffer.from(b).toString('base64')) : [];
        resolve({ code: 0, services, files });
        call.end();
      });
      call.on('error', (err) => resolve({ code: err.code }));
      call.write({ listServices: '' });
    });
  },
};

async function main() {
  const run = scenarios[scenario];
  if (!run || !address) {
    process.stderr.write(`usage: node rapport-client.js (${Object.keys(scenarios).join('|')}) ADDRESS KEY [ARG]\n`);
    process.exit(2);
  }
  print(await run());
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});
