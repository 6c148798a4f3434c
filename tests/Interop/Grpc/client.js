// Real @grpc/grpc-js client driven by the gRPC interop tests.
// usage: node client.js SCENARIO ADDRESS [ARG]   -> prints one JSON result line (watch: one line per update)
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const root = path.resolve(__dirname, '..', '..', '..');
const includeDirs = [path.join(__dirname, 'protos'), path.join(root, 'tests', 'Grpc.Tests', 'Protos')];
const loadOptions = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true, includeDirs };

function load(file) {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, loadOptions));
}

const [scenario, address, arg] = process.argv.slice(2);
const insecure = grpc.credentials.createInsecure();

function print(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

function deadlineIn(ms) {
  return new Date(Date.now() + ms);
}

function testClient(options) {
  const pkg = load('test.proto');
  return new pkg.rapport.test.v1.TestService(address, insecure, options || {});
}

// The deadline and cancel scenarios time the call itself, so connect first: on a loaded machine the
// connection alone can take longer than the deadline, and the server would never see the call.
function ready(client) {
  return new Promise((resolve, reject) => {
    client.waitForReady(deadlineIn(10000), (err) => (err ? reject(err) : resolve(client)));
  });
}

function unary(client, method, request, options) {
  return new Promise((resolve) => {
    client[method](request, new grpc.Metadata(), options || {}, (err, response) => resolve({ err, response }));
  });
}

function errorResult(err) {
  return { code: err.code, details: err.details };
}

function decodeStatusDetails(err) {
  const values = err.metadata.get('grpc-status-details-bin');
  if (values.length === 0) return null;
  const rpc = new protobuf.Root();
  rpc.resolvePath = (_origin, target) => {
    for (const dir of includeDirs) {
      const candidate = path.join(dir, target);
      if (require('fs').existsSync(candidate)) return candidate;
    }
    return target;
  };
  rpc.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: false });
  const Status = rpc.lookupType('google.rpc.Status');
  const ErrorInfo = rpc.lookupType('google.rpc.ErrorInfo');
  const RetryInfo = rpc.lookupType('google.rpc.RetryInfo');
  const status = Status.decode(values[0]);
  const result = { code: status.code, message: status.message, details: [] };
  for (const any of status.details) {
    const typeUrl = any.typeUrl || any.type_url;
    if (typeUrl === 'type.googleapis.com/google.rpc.ErrorInfo') {
      const info = ErrorInfo.decode(any.value);
      result.details.push({ type: 'ErrorInfo', reason: info.reason, domain: info.domain, metadata: info.metadata });
    } else if (typeUrl === 'type.googleapis.com/google.rpc.RetryInfo') {
      const retry = RetryInfo.decode(any.value);
      const delay = retry.retryDelay || {};
      result.details.push({ type: 'RetryInfo', delayMs: Number(delay.seconds || 0) * 1000 + Math.round((delay.nanos || 0) / 1e6) });
    } else {
      result.details.push({ type: typeUrl });
    }
  }
  return result;
}

const scenarios = {
  async unary() {
    const { err, response } = await unary(testClient(), 'Echo', { text: arg || 'hello' });
    return err ? errorResult(err) : { code: 0, text: response.text, requestEncoding: response.requestEncoding };
  },

  async gzip() {
    const client = testClient({ 'grpc.default_compression_algorithm': 2 });
    const { err, response } = await unary(client, 'Echo', { text: 'x'.repeat(2000) });
    return err ? errorResult(err) : { code: 0, length: response.text.length, requestEncoding: response.requestEncoding };
  },

  async serverStream() {
    const call = testClient().Count({ count: Number(arg || 5) });
    const values = [];
    return new Promise((resolve) => {
      call.on('data', (m) => values.push(m.value));
      call.on('error', (err) => resolve({ ...errorResult(err), values }));
      call.on('end', () => resolve({ code: 0, values }));
    });
  },

  async clientStream() {
    return new Promise((resolve) => {
      const call = testClient().Sum((err, response) => resolve(err ? errorResult(err) : { code: 0, sum: response.sum, count: response.count }));
      for (let i = 1; i <= 10; i++) call.write({ value: i });
      call.end();
    });
  },

  async bidi() {
    const call = testClient().BidiEcho();
    const texts = ['one', 'two', 'three'];
    const received = [];
    return new Promise((resolve) => {
      call.on('data', (m) => {
        received.push(m.text);
        if (received.length < texts.length) call.write({ text: texts[received.length] });
        else call.end();
      });
      call.on('error', (err) => resolve({ ...errorResult(err), received }));
      call.on('end', () => resolve({ code: 0, received }));
      call.write({ text: texts[0] });
    });
  },

  // The deadline is long enough for a loaded machine to start the handler before it passes (the server reads the whole
  // request first), yet far shorter than the handler's delay, so only the deadline can end the call.
  async deadline() {
    const client = await ready(testClient());
    const { err } = await unary(client, 'Slow', { delayMs: 30000 }, { deadline: deadlineIn(Number(arg || 3000)) });
    return err ? errorResult(err) : { code: 0 };
  },

  // Cancels when the test writes a line to stdin: the test does so once the server reports the handler running,
  // so the cancellation cannot overtake the call however slow the machine.
  async cancel() {
    const client = await ready(testClient());
    return new Promise((resolve) => {
      const call = client.Slow({ delayMs: 30000 }, (err) => resolve(err ? errorResult(err) : { code: 0 }));
      process.stdin.setEncoding('utf8');
      process.stdin.once('data', () => call.cancel());
    });
  },

  async errorDetails() {
    const { err } = await unary(testClient(), 'Fail', { reason: arg || 'CONSENT_MISSING' });
    return { ...errorResult(err), status: decodeStatusDetails(err) };
  },

  async oversizedRequest() {
    const { err } = await unary(testClient(), 'Echo', { payload: Buffer.alloc(Number(arg)) });
    return err ? errorResult(err) : { code: 0 };
  },

  async oversizedResponse() {
    const { err } = await unary(testClient(), 'Echo', { responseSize: Number(arg) });
    return err ? errorResult(err) : { code: 0 };
  },

  async healthCheck() {
    const pkg = load('grpc/health/v1/health.proto');
    const client = new pkg.grpc.health.v1.Health(address, insecure);
    const result = await new Promise((resolve) => client.Check({ service: arg || '' }, (err, response) => resolve({ err, response })));
    return result.err ? errorResult(result.err) : { code: 0, status: result.response.status };
  },

  // Streams every update as its own line until the test kills the process or the server ends the call.
  async healthWatch() {
    const pkg = load('grpc/health/v1/health.proto');
    const client = new pkg.grpc.health.v1.Health(address, insecure);
    const call = client.Watch({ service: arg || '' });
    return new Promise((resolve) => {
      call.on('data', (m) => print({ update: m.status }));
      call.on('error', (err) => resolve(errorResult(err)));
      call.on('end', () => resolve({ code: 0 }));
    });
  },

  async reflection() {
    const version = arg || 'v1';
    const pkg = load(`grpc/reflection/${version}/reflection.proto`);
    const client = new pkg.grpc.reflection[version].ServerReflection(address, insecure);
    const call = client.ServerReflectionInfo();
    const requests = [
      { listServices: '' },
      { fileContainingSymbol: 'rapport.test.v1.TestService' },
      { fileContainingSymbol: 'no.such.Symbol' },
    ];
    const responses = [];
    return new Promise((resolve) => {
      call.on('data', (m) => {
        responses.push(m);
        if (responses.length === requests.length) call.end();
      });
      call.on('error', (err) => resolve(errorResult(err)));
      call.on('end', () => {
        const fileDescriptorSet = protobuf.parse('syntax = "proto2"; message F { optional string name = 1; }').root.lookupType('F');
        resolve({
          code: 0,
          services: responses[0].listServicesResponse.service.map((s) => s.name),
          files: responses[1].fileDescriptorResponse.fileDescriptorProto.map((b) => fileDescriptorSet.decode(b).name),
          errorCode: responses[2].errorResponse.errorCode,
        });
      });
      for (const r of requests) call.write(r);
    });
  },
};

async function main() {
  const run = scenarios[scenario];
  if (!run || !address) {
    process.stderr.write(`usage: node client.js (${Object.keys(scenarios).join('|')}) ADDRESS [ARG]\n`);
    process.exit(2);
  }
  print(await run());
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
