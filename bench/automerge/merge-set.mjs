// Automerge reference for the crdt-merge-set benchmark (bench/Bench/Crdt/CrdtMergeSetBenchmark.cs).
//
// Reads the update set the C# benchmark wrote (profile fields + shared interactions, written on one node), replays
// it on one Automerge document as one change per write (as the customer node makes them: one local write each),
// then measures how fast an empty replica takes all of it in:
//   applyChanges   in memory: Automerge.applyChanges(init(), getAllChanges(writer))
//   merge          in memory: Automerge.merge(init(), writer)
//   sync           in memory: the Automerge sync protocol (generateSyncMessage/receiveSyncMessage) until quiet
//   save, load     the compact document format: save(writer) on the sender, load(bytes) on the receiver
// Prints one JSON line with the median, best and all timings in milliseconds.
//
// usage: node merge-set.mjs UPDATE_SET.json [rounds=5] [strings=immutable|text]
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import * as Automerge from '@automerge/automerge'

const [file, roundsArg, stringsArg] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: node merge-set.mjs UPDATE_SET.json [rounds=5] [strings=immutable|text]\n')
  process.exit(2)
}

const rounds = Number.parseInt(roundsArg ?? '5', 10)
const strings = stringsArg ?? 'immutable'
if (!(rounds > 0) || !['immutable', 'text'].includes(strings)) {
  process.stderr.write(`bad arguments: rounds=${roundsArg} strings=${stringsArg}\n`)
  process.exit(2)
}

const set = JSON.parse(readFileSync(file, 'utf8'))
// Our summaries and field values are plain values, not collaboratively edited text: a scalar string is the
// like-for-like Automerge type ("immutable"). "text" shows the cost of Automerge's default for strings assigned in
// Automerge.change (a text object, every character a text op).
//
// The writer is built on the low-level document (the backend of Automerge.change), committing one change per write:
// Automerge.change re-materialises the 10,000-key interactions map on every call, which makes building the writer
// quadratic (about a minute) without changing the changes it produces. Building is not timed.
function buildWriter () {
  const backend = Automerge.getBackend(Automerge.init({ actor: 'c0570e40000000000000000000000001' }))
  const putString = strings === 'immutable'
    ? (obj, prop, value) => backend.put(obj, prop, value, 'str')
    : (obj, prop, value) => backend.putObject(obj, prop, value)
  const fields = backend.putObject('_root', 'fields', {})
  const interactions = backend.putObject('_root', 'interactions', {})
  backend.commit()
  for (const field of set.fields) {
    putString(fields, field.key, field.value)
    backend.commit()
  }

  for (const i of set.interactions) {
    const obj = backend.putObject(interactions, i.id, {})
    putString(obj, 'id', i.id)
    putString(obj, 'kind', i.kind)
    putString(obj, 'summary', i.summary)
    backend.put(obj, 'occurred_at', i.occurred_at, 'int')
    backend.commit()
  }

  return Automerge.load(backend.save())
}

function check (replica, what) {
  const interactions = Object.keys(replica.interactions ?? {}).length
  const fields = Object.keys(replica.fields ?? {}).length
  if (interactions !== set.interactions.length || fields !== set.fields.length) {
    throw new Error(`${what}: replica holds ${interactions} interactions and ${fields} fields, expected ${set.interactions.length} and ${set.fields.length}`)
  }

  const last = set.interactions[set.interactions.length - 1]
  if (String(replica.interactions[last.id].summary) !== last.summary) {
    throw new Error(`${what}: interaction ${last.id} differs`)
  }
}

function syncInMemory (sender) {
  let a = sender
  let b = Automerge.init()
  let aState = Automerge.initSyncState()
  let bState = Automerge.initSyncState()
  let messages = 0
  let bytes = 0
  for (;;) {
    let message
    let moved = false;
    [aState, message] = Automerge.generateSyncMessage(a, aState)
    if (message) {
      moved = true
      messages++
      bytes += message.byteLength;
      [b, bState] = Automerge.receiveSyncMessage(b, bState, message)
    }

    [bState, message] = Automerge.generateSyncMessage(b, bState)
    if (message) {
      moved = true
      messages++
      bytes += message.byteLength;
      [a, aState] = Automerge.receiveSyncMessage(a, aState, message)
    }

    if (!moved) {
      return { replica: b, messages, bytes }
    }
  }
}

function time (fn) {
  const start = performance.now()
  const result = fn()
  return [performance.now() - start, result]
}

const buildStart = performance.now()
const writer = buildWriter()
const buildMs = performance.now() - buildStart
process.stderr.write(`writer built in ${buildMs.toFixed(0)} ms\n`)
check(writer, 'writer')
const changes = Automerge.getAllChanges(writer)

const measures = { applyChanges: [], merge: [], sync: [], save: [], load: [] }
let saved = new Uint8Array(0)
let syncStats = { messages: 0, bytes: 0 }
// Round 0 warms up the WASM module and V8 and is not counted.
for (let round = 0; round <= rounds; round++) {
  const samples = {}
  let replica
  ;[samples.applyChanges, [replica]] = time(() => Automerge.applyChanges(Automerge.init(), changes))
  check(replica, 'applyChanges')
  ;[samples.merge, replica] = time(() => Automerge.merge(Automerge.init(), writer))
  check(replica, 'merge')
  // The sender's document takes in the receiver's sync messages (heads, bloom filter), which makes it a new
  // version: sync from a copy so that the writer stays usable. The copy is made outside the timed region.
  const sender = Automerge.clone(writer)
  let synced
  ;[samples.sync, synced] = time(() => syncInMemory(sender))
  check(synced.replica, 'sync')
  syncStats = { messages: synced.messages, bytes: synced.bytes }
  ;[samples.save, saved] = time(() => Automerge.save(writer))
  ;[samples.load, replica] = time(() => Automerge.load(saved))
  check(replica, 'load')
  process.stderr.write(`round ${round}: ${JSON.stringify(samples)}\n`)
  if (round > 0) {
    for (const [name, ms] of Object.entries(samples)) {
      measures[name].push(ms)
    }
  }
}

const summary = {}
for (const [name, samples] of Object.entries(measures)) {
  const sorted = [...samples].sort((x, y) => x - y)
  summary[name] = { medianMs: sorted[Math.floor(sorted.length / 2)], bestMs: sorted[0], samplesMs: samples }
}

process.stdout.write(JSON.stringify({
  automerge: JSON.parse(readFileSync(new URL('./node_modules/@automerge/automerge/package.json', import.meta.url), 'utf8')).version,
  node: process.version,
  strings,
  interactions: set.interactions.length,
  fields: set.fields.length,
  changes: changes.length,
  changeBytes: changes.reduce((n, c) => n + c.byteLength, 0),
  savedBytes: saved.byteLength,
  syncMessages: syncStats,
  writerBuildMs: buildMs,
  rounds,
  ...summary,
}) + '\n')
