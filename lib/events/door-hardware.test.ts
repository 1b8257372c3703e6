// docs/door-hardware.md against what QR Door publishes: each example configuration (ESPHome,
// Tasmota, Home Assistant) may only use the door's real topics and read fields its topic's payload
// has, and the sample `mosquitto_sub` output must be what the messages look like. A change to the
// topics or payloads (lib/events/messages.ts) that the guide does not follow fails here.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOPIC_PREFIX, doorStatePayload, doorTopic, mqttMessages, unlockPayload } from './messages'

const DOOR = 'front-door'
const guide = readFileSync(fileURLToPath(new URL('../../docs/door-hardware.md', import.meta.url)), 'utf8')

type Leaf = 'unlock' | 'events' | 'state'
const at = new Date('2026-11-21T12:00:00.000Z')

/** Each topic of the front door, with the fields of its payload as QR Door builds it. */
const topics: Record<Leaf, { topic: string; fields: string[] }> = {
  unlock: {
    topic: doorTopic(DEFAULT_TOPIC_PREFIX, DOOR, 'unlock'),
    fields: Object.keys(unlockPayload({ id: 1, doorId: DOOR, userId: 'u', unlockSeconds: 5, at })),
  },
  events: {
    topic: doorTopic(DEFAULT_TOPIC_PREFIX, DOOR, 'events'),
    fields: Object.keys(
      JSON.parse(
        mqttMessages(
          {
            kind: 'access',
            outboxId: 1,
            event: {
              id: 1,
              at,
              result: 'granted',
              reason: 'granted',
              userId: 'u',
              userName: 'Ada',
              kioskId: 'k',
              kioskName: 'Lobby',
              doorId: DOOR,
              doorName: 'Front door',
              unlockSeconds: 5,
              input: null,
            },
          },
          DEFAULT_TOPIC_PREFIX,
        ).find((message) => message.topic.endsWith('/events'))!.payload,
      ) as object,
    ),
  },
  state: {
    topic: doorTopic(DEFAULT_TOPIC_PREFIX, DOOR, 'state'),
    fields: Object.keys(doorStatePayload({ doorId: DOOR, lockdown: true, at })),
  },
}
const leaves = Object.keys(topics) as Leaf[]

/** The fenced block after `<!-- door-hardware-example: name -->`. */
function exampleBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>()
  for (const match of markdown.matchAll(/<!-- door-hardware-example: ([\w-]+) -->\s*\n```[^\n]*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1]!, match[2]!)
  }
  return blocks
}

/** MQTT topic filter matching (`+` one level, `#` the rest, including none). */
function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/')
  const t = topic.split('/')
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return i === f.length - 1
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false
  }
  return f.length === t.length
}

interface Use {
  /** The topic (or filter) as written. */
  topic: string
  /** Where it is in the block. */
  at: number
}

/**
 * Every topic an example names: anything shaped `<prefix>/doors/<door>/<leaf>`, and whatever a
 * YAML `topic:` key or Tasmota's `Subscribe` names (so a misspelt prefix is caught too).
 */
function topicsIn(block: string): Use[] {
  const uses = new Map<number, string>()
  for (const match of block.matchAll(/[\w#+-]+\/doors\/[^\s"',;]+/g)) uses.set(match.index, match[0])
  for (const match of block.matchAll(/(?:topic:|\bSubscribe\s+\w+\s*,)\s*["']?([^\s"',;]+)/gi)) {
    uses.set(match.index + match[0].lastIndexOf(match[1]!), match[1]!)
  }
  return [...uses].sort(([a], [b]) => a - b).map(([at, topic]) => ({ topic, at }))
}

/** Every payload field an example reads, in the notations of the three systems. */
function fieldsRead(block: string): { field: string; at: number }[] {
  const patterns = [
    /\bx\["(\w+)"\]/g, // ESPHome lambdas (ArduinoJson)
    /\b(?:payload_json|value_json)\.(\w+)/g, // Home Assistant templates
    /\b(?:payload_json|value_json)\[['"](\w+)['"]\]/g,
    /\bSubscribe\s+\w+\s*,\s*[^,\s]+\s*,\s*(\w+)/gi, // Tasmota: Subscribe <event>, <topic>, <key>
  ]
  // Where the field's name itself is: Tasmota names the topic before its key.
  return patterns.flatMap((pattern) =>
    [...block.matchAll(pattern)].map((match) => ({ field: match[1]!, at: match.index + match[0].lastIndexOf(match[1]!) })),
  )
}

/** The door topic a field is read from: the last topic named before it in the block. */
function topicOf(uses: Use[], position: number): string | undefined {
  return uses.filter((use) => use.at < position).at(-1)?.topic
}

const leafOf = (topic: string) => leaves.find((leaf) => topics[leaf].topic === topic)

/** What is wrong with one example: unknown topics, fields its topic's payload does not have. */
function problemsOf(block: string): string[] {
  const problems: string[] = []
  const uses = topicsIn(block)
  for (const { topic } of uses) {
    if (!leaves.some((leaf) => topicMatches(topic, topics[leaf].topic))) {
      problems.push(`topic ${topic} is none of ${leaves.map((leaf) => topics[leaf].topic).join(', ')}`)
    }
  }
  for (const { field, at: position } of fieldsRead(block)) {
    const topic = topicOf(uses, position)
    const leaf = topic && leafOf(topic)
    if (!leaf) {
      problems.push(topic ? `${field} is read from ${topic}, not a door topic` : `${field} is read with no topic before it`)
      continue
    }
    if (!topics[leaf].fields.includes(field)) {
      problems.push(`${field} is read from ${topic}, whose payload has ${topics[leaf].fields.join(', ')}`)
    }
  }
  return problems
}

describe('docs/door-hardware.md', () => {
  const blocks = exampleBlocks(guide)

  it('has the ESPHome, Tasmota, Home Assistant and mosquitto_sub examples (guards the extraction)', () => {
    expect([...blocks.keys()].sort()).toEqual(['esphome', 'home-assistant', 'mosquitto-sub', 'tasmota'])
  })

  for (const name of ['esphome', 'tasmota', 'home-assistant']) {
    describe(name, () => {
      const block = () => blocks.get(name) ?? ''

      it('uses only the door’s topics, and reads only fields their payloads have', () => {
        expect(problemsOf(block())).toEqual([])
      })

      it('opens the door on the unlock topic for the message’s seconds', () => {
        const uses = topicsIn(block())
        expect(uses.map((use) => use.topic)).toContain(topics.unlock.topic)
        const reads = fieldsRead(block()).map((read) => ({ field: read.field, topic: topicOf(uses, read.at) }))
        expect(reads).toContainEqual({ field: 'seconds', topic: topics.unlock.topic })
      })
    })
  }

  it('ESPHome and Home Assistant refuse a late unlock (they read its `at`) and respect a lockdown', () => {
    for (const name of ['esphome', 'home-assistant']) {
      const block = blocks.get(name) ?? ''
      const uses = topicsIn(block)
      const reads = fieldsRead(block).map((read) => ({ field: read.field, topic: topicOf(uses, read.at) }))
      expect(reads, name).toContainEqual({ field: 'at', topic: topics.unlock.topic })
      expect(reads, name).toContainEqual({ field: 'lockdown', topic: topics.state.topic })
    }
  })

  it('shows mosquitto_sub output as QR Door publishes it', () => {
    const lines = (blocks.get('mosquitto-sub') ?? '').split('\n').filter(Boolean)
    const seen = new Set<Leaf>()
    for (const line of lines) {
      const [topic, ...rest] = line.split(' ')
      const leaf = leafOf(topic!)
      expect(leaf, `${topic} is a door topic`).toBeDefined()
      seen.add(leaf!)
      expect(Object.keys(JSON.parse(rest.join(' ')) as object), line).toEqual(topics[leaf!].fields)
    }
    expect([...seen].sort()).toEqual([...leaves].sort())
  })

  it('names the topics in its table as QR Door builds them', () => {
    for (const leaf of leaves) expect(guide).toContain(`\`${doorTopic(DEFAULT_TOPIC_PREFIX, '{doorId}', leaf)}\``)
  })
})

describe('the checks themselves', () => {
  it('catch a wrong topic, a field its payload lacks, and a field read from the wrong topic', () => {
    expect(problemsOf('topic: qrdoor/doors/front-door/open\nx["seconds"]')).toEqual([
      'topic qrdoor/doors/front-door/open is none of qrdoor/doors/front-door/unlock, qrdoor/doors/front-door/events, qrdoor/doors/front-door/state',
      'seconds is read from qrdoor/doors/front-door/open, not a door topic',
    ])
    expect(problemsOf('topic: qrdoor/doors/front-door/unlock\n{{ trigger.payload_json.duration }}')).toEqual([
      'duration is read from qrdoor/doors/front-door/unlock, whose payload has eventId, doorId, userId, seconds, at',
    ])
    expect(problemsOf('Subscribe S, qrdoor/doors/front-door/state, seconds')).toEqual([
      'seconds is read from qrdoor/doors/front-door/state, whose payload has doorId, lockdown, at',
    ])
    expect(problemsOf('  - topic: qrdoor/door/front-door/unlock')).toEqual([
      'topic qrdoor/door/front-door/unlock is none of qrdoor/doors/front-door/unlock, qrdoor/doors/front-door/events, qrdoor/doors/front-door/state',
    ])
    expect(problemsOf('topic read qrdoor/doors/front-door/#')).toEqual([])
    expect(problemsOf('topic read qrdoor/doors/back-door/#')).toHaveLength(1)
  })
})
