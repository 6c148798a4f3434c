// A js-libp2p v3 reference peer (TCP + Noise + Yamux + identify + ping) driven over stdin/stdout
// by the Rapport interop tests. stdout carries only JSON lines (events and command replies);
// diagnostics go to stderr. Run with: node --import ./polyfill.mjs peer.mjs [options]
//
// Options:
//   --listen <multiaddr>   listen address (repeatable; default /ip4/127.0.0.1/tcp/0)
//   --agent <string>       identify agentVersion (default: js-libp2p's own user agent)
//   --seed <64 hex chars>  Ed25519 seed for a deterministic peer id (default: random key)
//
// Payload pattern used by echo/send: the byte at stream offset i is (i mod 251).
import { setMaxListeners } from 'node:events'
import { createInterface } from 'node:readline'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair, generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'

const ECHO = '/rapport/echo/1.0.0'
const SINK = '/rapport/sink/1.0.0'
const CHUNK = 64 * 1024
const PATTERN_PERIOD = 251
const PATTERN = new Uint8Array(CHUNK + PATTERN_PERIOD)
for (let i = 0; i < PATTERN.length; i++) PATTERN[i] = i % PATTERN_PERIOD
const DEFAULT_TIMEOUT_MS = 120_000
const STREAM_LIMIT = 1024

function emit (obj) {
  process.stdout.write(JSON.stringify(obj) + '\n')
}

function log (...args) {
  process.stderr.write(`[peer] ${args.join(' ')}\n`)
}

function errorText (err) {
  if (err == null) return 'unknown error'
  const name = err.name && err.name !== 'Error' ? `${err.name}: ` : ''
  return `${name}${err.message ?? String(err)}`
}

function parseArgs (argv) {
  const opts = { listen: [], agent: undefined, seed: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${arg}`)
      return argv[++i]
    }
    switch (arg) {
      case '--listen': opts.listen.push(value()); break
      case '--agent': opts.agent = value(); break
      case '--seed': opts.seed = value(); break
      default: throw new Error(`unknown argument ${arg}`)
    }
  }
  if (opts.listen.length === 0) opts.listen.push('/ip4/127.0.0.1/tcp/0')
  if (opts.seed != null && !/^[0-9a-fA-F]{64}$/.test(opts.seed)) throw new Error('--seed must be 64 hex characters')
  return opts
}

function toBytes (chunk) {
  return chunk instanceof Uint8Array ? chunk : chunk.subarray()
}

function patternAt (offset, length) {
  const start = offset % PATTERN_PERIOD
  return PATTERN.subarray(start, start + length)
}

function matchesPattern (bytes, offset) {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== (offset + i) % PATTERN_PERIOD) return false
  }
  return true
}

async function writePattern (stream, size, signal, onChunk) {
  let sent = 0
  while (sent < size) {
    const n = Math.min(CHUNK, size - sent)
    const more = stream.send(patternAt(sent, n))
    sent += n
    onChunk?.(sent)
    if (!more) await stream.onDrain({ signal })
  }
  return sent
}

// Reads until EOF, checking every byte against the pattern; returns the byte count.
async function readPattern (stream, expected) {
  let received = 0
  for await (const chunk of stream) {
    const bytes = toBytes(chunk)
    if (received + bytes.length > expected) throw new Error(`echo returned more than the ${expected} bytes sent`)
    if (!matchesPattern(bytes, received)) throw new Error(`echo mismatch within bytes ${received}..${received + bytes.length}`)
    received += bytes.length
  }
  return received
}

function required (args, key) {
  const v = args?.[key]
  if (v == null) throw new Error(`missing argument '${key}'`)
  return v
}

function nonNegativeInt (args, key, fallback) {
  const v = args?.[key] ?? fallback
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`argument '${key}' must be a non-negative integer`)
  return v
}

const opts = (() => {
  try {
    return parseArgs(process.argv.slice(2))
  } catch (err) {
    emit({ event: 'error', error: errorText(err) })
    log('bad arguments:', errorText(err))
    process.exit(2)
  }
})()

const privateKey = opts.seed != null
  ? await generateKeyPairFromSeed('Ed25519', Buffer.from(opts.seed, 'hex'))
  : await generateKeyPair('Ed25519')

const node = await createLibp2p({
  privateKey,
  addresses: { listen: opts.listen },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  nodeInfo: opts.agent != null ? { userAgent: opts.agent } : undefined,
  services: {
    identify: identify(),
    ping: ping()
  }
})

// Identify results arrive via the automatic identify on connection open; keep them per connection.
const identified = new Map()
const identifyWaiters = new Map()
node.addEventListener('peer:identify', (evt) => {
  const id = evt.detail.connection.id
  identified.set(id, evt.detail)
  identifyWaiters.get(id)?.forEach(resolve => resolve(evt.detail))
  identifyWaiters.delete(id)
})
node.addEventListener('connection:close', (evt) => { identified.delete(evt.detail.id) })

function inboundEvent (protocol, connection, bytes, outcome, err) {
  const e = { event: 'inbound', protocol, remotePeer: connection.remotePeer.toString(), bytes, outcome }
  if (err != null) e.error = errorText(err)
  emit(e)
}

// 'reset' when the remote sent a stream reset; the error text alone varies with where the handler was.
function failureOutcome (stream) {
  return stream.status === 'reset' ? 'reset' : 'error'
}

// A sink announces a transfer once this much of it has arrived.
const RECEIVING_MARK = 1024 * 1024

const handlerOptions = { maxInboundStreams: STREAM_LIMIT, maxOutboundStreams: STREAM_LIMIT }

await node.handle(ECHO, async (stream, connection) => {
  let bytes = 0
  try {
    for await (const chunk of stream) {
      bytes += chunk.byteLength
      if (!stream.send(chunk)) await stream.onDrain()
    }
    await stream.close()
    inboundEvent(ECHO, connection, bytes, 'closed')
  } catch (err) {
    const outcome = failureOutcome(stream)
    stream.abort(err)
    inboundEvent(ECHO, connection, bytes, outcome, err)
  }
}, handlerOptions)

await node.handle(SINK, async (stream, connection) => {
  let bytes = 0
  try {
    let announced = false
    for await (const chunk of stream) {
      bytes += chunk.byteLength
      // Tests that break a transfer mid-way wait for this instead of guessing how long the start takes.
      if (!announced && bytes >= RECEIVING_MARK) {
        announced = true
        emit({ event: 'receiving', protocol: SINK, remotePeer: connection.remotePeer.toString(), bytes })
      }
    }
    stream.send(new TextEncoder().encode(`${bytes}\n`))
    await stream.close()
    inboundEvent(SINK, connection, bytes, 'closed')
  } catch (err) {
    const outcome = failureOutcome(stream)
    stream.abort(err)
    inboundEvent(SINK, connection, bytes, outcome, err)
  }
}, handlerOptions)

async function openStream (addr, protocol, signal) {
  return node.dialProtocol(multiaddr(addr), protocol, { signal })
}

async function echoOne (addr, size, signal) {
  const stream = await openStream(addr, ECHO, signal)
  try {
    const reading = readPattern(stream, size)
    const writing = (async () => {
      await writePattern(stream, size, signal)
      await stream.close({ signal })
    })()
    const [received] = await Promise.all([reading, writing])
    if (received !== size) throw new Error(`echo returned ${received} of ${size} bytes`)
  } catch (err) {
    stream.abort(err)
    throw err
  }
}

async function waitForIdentify (connection, signal) {
  const known = identified.get(connection.id)
  if (known != null) return known
  const waited = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 5_000)
    const list = identifyWaiters.get(connection.id) ?? []
    list.push((r) => { clearTimeout(timer); resolve(r) })
    identifyWaiters.set(connection.id, list)
  })
  if (waited != null) return waited
  // Automatic identify did not finish: run it explicitly so its error becomes the reply.
  return node.services.identify.identify(connection, { signal })
}

// Opens an echo stream, pushes data, then ends the stream before the payload is complete.
async function interruptEcho (addr, signal, mode) {
  const stream = await openStream(addr, ECHO, signal)
  const cutAt = 256 * 1024
  let received = 0
  let readError
  let remoteEnded = false
  const reading = (async () => {
    try {
      for await (const chunk of stream) {
        const bytes = toBytes(chunk)
        if (!matchesPattern(bytes, received)) throw new Error(`echo mismatch at byte ${received}`)
        received += bytes.length
      }
      remoteEnded = true
    } catch (err) {
      readError = err
    }
  })()
  const sent = await writePattern(stream, cutAt, signal)
  if (mode === 'reset') {
    // No waiting for the echo: the reset lands while data is still in flight both ways.
    stream.abort(new Error('rapport interop: deliberate reset'))
  } else {
    await stream.close({ signal })
  }
  await reading
  // The connection must survive a stream reset/close: prove it with a fresh echo stream.
  let connectionUsable = true
  let followUpError
  try {
    await echoOne(addr, 1024, signal)
  } catch (err) {
    connectionUsable = false
    followUpError = errorText(err)
  }
  const result = {
    sent,
    received,
    remoteEnded,
    status: stream.status,
    readStatus: stream.readStatus,
    writeStatus: stream.writeStatus,
    connectionUsable
  }
  if (readError != null) result.readError = errorText(readError)
  if (followUpError != null) result.followUpError = followUpError
  return result
}

const commands = {
  async ping (args, signal) {
    const rtt = await node.services.ping.ping(multiaddr(required(args, 'addr')), { signal })
    return { rtt }
  },

  async dial (args, signal) {
    const connection = await node.dial(multiaddr(required(args, 'addr')), { signal })
    return { peerId: connection.remotePeer.toString(), remoteAddr: connection.remoteAddr.toString() }
  },

  async hangUp (args, signal) {
    await node.hangUp(multiaddr(required(args, 'addr')), { signal })
    return {}
  },

  async identify (args, signal) {
    const connection = await node.dial(multiaddr(required(args, 'addr')), { signal })
    const r = await waitForIdentify(connection, signal)
    return {
      peerId: r.peerId.toString(),
      protocolVersion: r.protocolVersion ?? null,
      agentVersion: r.agentVersion ?? null,
      protocols: r.protocols,
      listenAddrs: r.listenAddrs.map(a => a.toString()),
      observedAddr: r.observedAddr?.toString() ?? null
    }
  },

  async echo (args, signal) {
    const addr = required(args, 'addr')
    const size = nonNegativeInt(args, 'size', 1)
    const streams = nonNegativeInt(args, 'streams', 1)
    if (streams < 1 || streams > STREAM_LIMIT) throw new Error(`argument 'streams' must be 1..${STREAM_LIMIT}`)
    await node.dial(multiaddr(addr), { signal })
    const start = performance.now()
    await Promise.all(Array.from({ length: streams }, () => echoOne(addr, size, signal)))
    const elapsedMs = performance.now() - start
    return { bytes: size * streams, streams, elapsedMs }
  },

  async send (args, signal) {
    const addr = required(args, 'addr')
    const size = nonNegativeInt(args, 'size')
    await node.dial(multiaddr(addr), { signal })
    const start = performance.now()
    const stream = await openStream(addr, SINK, signal)
    try {
      await writePattern(stream, size, signal)
      await stream.close({ signal })
      let reply = ''
      for await (const chunk of stream) reply += new TextDecoder().decode(toBytes(chunk))
      const elapsedMs = performance.now() - start
      const counted = Number.parseInt(reply.trim(), 10)
      if (counted !== size) throw new Error(`sink counted ${reply.trim() || 'nothing'} of ${size} bytes`)
      return { bytes: size, elapsedMs, MBps: size / 1e6 / (elapsedMs / 1000) }
    } catch (err) {
      stream.abort(err)
      throw err
    }
  },

  async resetMidStream (args, signal) {
    return interruptEcho(required(args, 'addr'), signal, 'reset')
  },

  async closeMidStream (args, signal) {
    return interruptEcho(required(args, 'addr'), signal, 'close')
  },

  async peers () {
    return {
      peers: node.getPeers().map(p => p.toString()),
      connections: node.getConnections().map(c => ({
        peerId: c.remotePeer.toString(),
        remoteAddr: c.remoteAddr.toString(),
        direction: c.direction,
        status: c.status,
        streams: c.streams.length
      }))
    }
  }
}

let stopping = false
async function stop (code) {
  if (stopping) return
  stopping = true
  try {
    await node.stop()
  } catch (err) {
    log('stop failed:', errorText(err))
  }
  process.exit(code)
}

async function handleLine (line) {
  if (line.trim() === '') return
  let request
  try {
    request = JSON.parse(line)
  } catch (err) {
    emit({ id: null, ok: false, error: `invalid JSON command: ${errorText(err)}` })
    return
  }
  const id = request?.id ?? null
  const cmd = request?.cmd
  if (cmd === 'stop') {
    emit({ id, ok: true })
    await stop(0)
    return
  }
  const handler = typeof cmd === 'string' && Object.hasOwn(commands, cmd) ? commands[cmd] : undefined
  if (handler == null) {
    emit({ id, ok: false, error: `unknown command '${cmd}'` })
    return
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const signal = AbortSignal.timeout(timeoutMs)
  // Concurrent streams of one command all listen on this signal.
  setMaxListeners(Infinity, signal)
  try {
    const result = await handler(request.args ?? {}, signal)
    emit({ id, ok: true, ...result })
  } catch (err) {
    emit({ id, ok: false, error: signal.aborted ? `timed out after ${timeoutMs} ms: ${errorText(err)}` : errorText(err) })
  }
}

process.on('unhandledRejection', (err) => { log('unhandled rejection:', errorText(err)) })
process.on('uncaughtException', (err) => { log('uncaught exception:', errorText(err)) })
process.on('SIGTERM', () => { stop(0) })
process.on('SIGINT', () => { stop(0) })

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', (line) => { handleLine(line) })
// The driving test went away: never linger as an orphan.
rl.on('close', () => { stop(0) })

emit({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })
