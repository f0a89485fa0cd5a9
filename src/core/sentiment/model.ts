/**
 * The weights file: a 24-byte header, the language slots, then one int8 weight per (hash bucket, class).
 *
 *   0  magic "VGSN"            4  format version u16     6  feature version u16 (normalise/tokenise/features)
 *   8  hash bits u8            9  classes u8 (3)         10 char n-gram min u8   11 char n-gram max u8
 *   12 flags u8 (1 word bigrams, 2 conjoin words, 4 conjoin chars, 8 polarity markers)  13 language count u8
 *   14 reserved u16           16 weight scale f32       20 softmax temperature f32
 *   24 language codes, 2 ASCII bytes each (slot = index + 1), zero-padded to a multiple of 4
 *   …  int8 weights, bucket-major: [bucket * 3 + class]; real weight = int8 * scale
 *
 * Little-endian throughout. Int8 keeps the shipped file small and makes scoring integer adds.
 */
import type { FeatureSpec } from './features.js';
import type { SentimentLabel } from './types.js';

export const MAGIC = 0x4e534756; // "VGSN" read as little-endian u32
export const FORMAT_VERSION = 1;
/** Bump when normalisation, tokenisation or feature hashing change: old weights then no longer fit. */
export const FEATURE_VERSION = 2;
export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const HEADER_BYTES = 24;

export interface SentimentModel {
  spec: FeatureSpec;
  /** ISO 639-1 codes the model was trained on; slot of languages[i] is i + 1. */
  languages: string[];
  scale: number;
  temperature: number;
  weights: Int8Array;
}

export class ModelFormatError extends Error {
  readonly code = 'sentiment_model_format';
}

function flagsOf(spec: FeatureSpec): number {
  return (spec.wordBigrams ? 1 : 0) | (spec.conjoinWords ? 2 : 0) | (spec.conjoinChars ? 4 : 0) | (spec.polarityMarkers ? 8 : 0);
}

export function encodeModel(model: SentimentModel): Uint8Array {
  const langBytes = Math.ceil((model.languages.length * 2) / 4) * 4;
  const out = new Uint8Array(HEADER_BYTES + langBytes + model.weights.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, FORMAT_VERSION, true);
  view.setUint16(6, FEATURE_VERSION, true);
  view.setUint8(8, model.spec.hashBits);
  view.setUint8(9, LABELS.length);
  view.setUint8(10, model.spec.charMin);
  view.setUint8(11, model.spec.charMax);
  view.setUint8(12, flagsOf(model.spec));
  view.setUint8(13, model.languages.length);
  view.setFloat32(16, model.scale, true);
  view.setFloat32(20, model.temperature, true);
  model.languages.forEach((code, i) => {
    if (!/^[a-z]{2}$/u.test(code)) throw new ModelFormatError(`language code must be two letters a-z, got "${code}"`);
    out[HEADER_BYTES + i * 2] = code.charCodeAt(0);
    out[HEADER_BYTES + i * 2 + 1] = code.charCodeAt(1);
  });
  out.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.length), HEADER_BYTES + langBytes);
  return out;
}

export function decodeModel(bytes: Uint8Array): SentimentModel {
  if (bytes.length < HEADER_BYTES) throw new ModelFormatError('weights file too short for its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ModelFormatError('not a Vigie sentiment weights file (bad magic)');
  const format = view.getUint16(4, true);
  if (format !== FORMAT_VERSION) throw new ModelFormatError(`unsupported weights format ${format}, expected ${FORMAT_VERSION}`);
  const features = view.getUint16(6, true);
  if (features !== FEATURE_VERSION) {
    throw new ModelFormatError(`weights were trained for feature version ${features}, this code is ${FEATURE_VERSION}: retrain`);
  }
  const hashBits = view.getUint8(8);
  const classes = view.getUint8(9);
  if (classes !== LABELS.length) throw new ModelFormatError(`expected ${LABELS.length} classes, file has ${classes}`);
  if (hashBits < 4 || hashBits > 26) throw new ModelFormatError(`implausible hash bits ${hashBits}`);
  const flags = view.getUint8(12);
  const languageCount = view.getUint8(13);
  const languages: string[] = [];
  for (let i = 0; i < languageCount; i++) {
    languages.push(String.fromCharCode(bytes[HEADER_BYTES + i * 2]!, bytes[HEADER_BYTES + i * 2 + 1]!));
  }
  const offset = HEADER_BYTES + Math.ceil((languageCount * 2) / 4) * 4;
  const size = (1 << hashBits) * classes;
  if (bytes.length !== offset + size) {
    throw new ModelFormatError(`weights file has ${bytes.length} bytes, header implies ${offset + size}`);
  }
  return {
    spec: {
      hashBits,
      charMin: view.getUint8(10),
      charMax: view.getUint8(11),
      wordBigrams: (flags & 1) !== 0,
      conjoinWords: (flags & 2) !== 0,
      conjoinChars: (flags & 4) !== 0,
      ...((flags & 8) !== 0 ? { polarityMarkers: true } : {}),
    },
    languages,
    scale: view.getFloat32(16, true),
    temperature: view.getFloat32(20, true),
    weights: new Int8Array(bytes.buffer, bytes.byteOffset + offset, size),
  };
}

export interface Scores {
  label: SentimentLabel;
  confidence: number;
  probabilities: [number, number, number];
}

/** Softmax over summed weights of the given buckets; features are L2-normalised (each worth 1/√n). */
export function score(model: SentimentModel, indices: Int32Array, count: number): Scores {
  const w = model.weights;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < count; i++) {
    const base = indices[i]! * 3;
    a += w[base]!;
    b += w[base + 1]!;
    c += w[base + 2]!;
  }
  const k = model.scale / Math.sqrt(count) / model.temperature;
  const za = a * k;
  const zb = b * k;
  const zc = c * k;
  const m = Math.max(za, zb, zc);
  const ea = Math.exp(za - m);
  const eb = Math.exp(zb - m);
  const ec = Math.exp(zc - m);
  const sum = ea + eb + ec;
  const probabilities: [number, number, number] = [ea / sum, eb / sum, ec / sum];
  const best = ea >= eb && ea >= ec ? 0 : eb >= ec ? 1 : 2;
  return { label: LABELS[best]!, confidence: probabilities[best]!, probabilities };
}
