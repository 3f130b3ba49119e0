var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/@noble/ciphers/utils.js
function isBytes2(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function abool(b) {
  if (typeof b !== "boolean")
    throw new Error(`boolean expected, not ${b}`);
}
function anumber2(n) {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error("positive integer expected, got " + n);
}
function abytes2(value, length, title = "") {
  const bytes = isBytes2(value);
  const len = value?.length;
  const needsLen = length !== void 0;
  if (!bytes || needsLen && len !== length) {
    const prefix = title && `"${title}" `;
    const ofLen = needsLen ? ` of length ${length}` : "";
    const got = bytes ? `length=${len}` : `type=${typeof value}`;
    throw new Error(prefix + "expected Uint8Array" + ofLen + ", got " + got);
  }
  return value;
}
function aexists2(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished)
    throw new Error("Hash#digest() has already been called");
}
function aoutput2(out, instance) {
  abytes2(out, void 0, "output");
  const min = instance.outputLen;
  if (out.length < min) {
    throw new Error("digestInto() expects output buffer of length at least " + min);
  }
}
function u322(arr) {
  return new Uint32Array(arr.buffer, arr.byteOffset, Math.floor(arr.byteLength / 4));
}
function clean2(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView2(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function checkOpts(defaults, opts) {
  if (opts == null || typeof opts !== "object")
    throw new Error("options must be defined");
  const merged = Object.assign(defaults, opts);
  return merged;
}
function equalBytes(a, b) {
  if (a.length !== b.length)
    return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++)
    diff |= a[i] ^ b[i];
  return diff === 0;
}
function getOutput(expectedLength, out, onlyAligned = true) {
  if (out === void 0)
    return new Uint8Array(expectedLength);
  if (out.length !== expectedLength)
    throw new Error('"output" expected Uint8Array of length ' + expectedLength + ", got: " + out.length);
  if (onlyAligned && !isAligned32(out))
    throw new Error("invalid output, must be aligned");
  return out;
}
function u64Lengths(dataLength, aadLength, isLE4) {
  abool(isLE4);
  const num2 = new Uint8Array(16);
  const view2 = createView2(num2);
  view2.setBigUint64(0, BigInt(aadLength), isLE4);
  view2.setBigUint64(8, BigInt(dataLength), isLE4);
  return num2;
}
function isAligned32(bytes) {
  return bytes.byteOffset % 4 === 0;
}
function copyBytes2(bytes) {
  return Uint8Array.from(bytes);
}
function randomBytes(bytesLength = 32) {
  const cr = typeof globalThis === "object" ? globalThis.crypto : null;
  if (typeof cr?.getRandomValues !== "function")
    throw new Error("crypto.getRandomValues must be defined");
  return cr.getRandomValues(new Uint8Array(bytesLength));
}
var isLE2, wrapCipher;
var init_utils = __esm({
  "node_modules/@noble/ciphers/utils.js"() {
    isLE2 = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68)();
    wrapCipher = /* @__NO_SIDE_EFFECTS__ */ (params, constructor) => {
      function wrappedCipher(key, ...args) {
        abytes2(key, void 0, "key");
        if (!isLE2)
          throw new Error("Non little-endian hardware is not yet supported");
        if (params.nonceLength !== void 0) {
          const nonce = args[0];
          abytes2(nonce, params.varSizeNonce ? void 0 : params.nonceLength, "nonce");
        }
        const tagl = params.tagLength;
        if (tagl && args[1] !== void 0)
          abytes2(args[1], void 0, "AAD");
        const cipher = constructor(key, ...args);
        const checkOutput = (fnLength, output) => {
          if (output !== void 0) {
            if (fnLength !== 2)
              throw new Error("cipher output not supported");
            abytes2(output, void 0, "output");
          }
        };
        let called = false;
        const wrCipher = {
          encrypt(data, output) {
            if (called)
              throw new Error("cannot encrypt() twice with same key + nonce");
            called = true;
            abytes2(data);
            checkOutput(cipher.encrypt.length, output);
            return cipher.encrypt(data, output);
          },
          decrypt(data, output) {
            abytes2(data);
            if (tagl && data.length < tagl)
              throw new Error('"ciphertext" expected length bigger than tagLength=' + tagl);
            checkOutput(cipher.decrypt.length, output);
            return cipher.decrypt(data, output);
          }
        };
        return wrCipher;
      }
      Object.assign(wrappedCipher, params);
      return wrappedCipher;
    };
  }
});

// node_modules/@noble/ciphers/_arx.js
function rotl(a, b) {
  return a << b | a >>> 32 - b;
}
function isAligned322(b) {
  return b.byteOffset % 4 === 0;
}
function runCipher(core, sigma, key, nonce, data, output, counter, rounds) {
  const len = data.length;
  const block = new Uint8Array(BLOCK_LEN);
  const b32 = u322(block);
  const isAligned = isAligned322(data) && isAligned322(output);
  const d32 = isAligned ? u322(data) : U32_EMPTY;
  const o32 = isAligned ? u322(output) : U32_EMPTY;
  for (let pos = 0; pos < len; counter++) {
    core(sigma, key, nonce, b32, counter, rounds);
    if (counter >= MAX_COUNTER)
      throw new Error("arx: counter overflow");
    const take = Math.min(BLOCK_LEN, len - pos);
    if (isAligned && take === BLOCK_LEN) {
      const pos32 = pos / 4;
      if (pos % 4 !== 0)
        throw new Error("arx: invalid block position");
      for (let j = 0, posj; j < BLOCK_LEN32; j++) {
        posj = pos32 + j;
        o32[posj] = d32[posj] ^ b32[j];
      }
      pos += BLOCK_LEN;
      continue;
    }
    for (let j = 0, posj; j < take; j++) {
      posj = pos + j;
      output[posj] = data[posj] ^ block[j];
    }
    pos += take;
  }
}
function createCipher(core, opts) {
  const { allowShortKeys, extendNonceFn, counterLength, counterRight, rounds } = checkOpts({ allowShortKeys: false, counterLength: 8, counterRight: false, rounds: 20 }, opts);
  if (typeof core !== "function")
    throw new Error("core must be a function");
  anumber2(counterLength);
  anumber2(rounds);
  abool(counterRight);
  abool(allowShortKeys);
  return (key, nonce, data, output, counter = 0) => {
    abytes2(key, void 0, "key");
    abytes2(nonce, void 0, "nonce");
    abytes2(data, void 0, "data");
    const len = data.length;
    if (output === void 0)
      output = new Uint8Array(len);
    abytes2(output, void 0, "output");
    anumber2(counter);
    if (counter < 0 || counter >= MAX_COUNTER)
      throw new Error("arx: counter overflow");
    if (output.length < len)
      throw new Error(`arx: output (${output.length}) is shorter than data (${len})`);
    const toClean = [];
    let l = key.length;
    let k;
    let sigma;
    if (l === 32) {
      toClean.push(k = copyBytes2(key));
      sigma = sigma32_32;
    } else if (l === 16 && allowShortKeys) {
      k = new Uint8Array(32);
      k.set(key);
      k.set(key, 16);
      sigma = sigma16_32;
      toClean.push(k);
    } else {
      abytes2(key, 32, "arx key");
      throw new Error("invalid key size");
    }
    if (!isAligned322(nonce))
      toClean.push(nonce = copyBytes2(nonce));
    const k32 = u322(k);
    if (extendNonceFn) {
      if (nonce.length !== 24)
        throw new Error(`arx: extended nonce must be 24 bytes`);
      extendNonceFn(sigma, k32, u322(nonce.subarray(0, 16)), k32);
      nonce = nonce.subarray(16);
    }
    const nonceNcLen = 16 - counterLength;
    if (nonceNcLen !== nonce.length)
      throw new Error(`arx: nonce must be ${nonceNcLen} or 16 bytes`);
    if (nonceNcLen !== 12) {
      const nc = new Uint8Array(12);
      nc.set(nonce, counterRight ? 0 : 12 - nonce.length);
      nonce = nc;
      toClean.push(nonce);
    }
    const n32 = u322(nonce);
    runCipher(core, sigma, k32, n32, data, output, counter, rounds);
    clean2(...toClean);
    return output;
  };
}
var encodeStr, sigma16, sigma32, sigma16_32, sigma32_32, BLOCK_LEN, BLOCK_LEN32, MAX_COUNTER, U32_EMPTY, _XorStreamPRG, createPRG;
var init_arx = __esm({
  "node_modules/@noble/ciphers/_arx.js"() {
    init_utils();
    encodeStr = (str) => Uint8Array.from(str.split(""), (c) => c.charCodeAt(0));
    sigma16 = encodeStr("expand 16-byte k");
    sigma32 = encodeStr("expand 32-byte k");
    sigma16_32 = u322(sigma16);
    sigma32_32 = u322(sigma32);
    BLOCK_LEN = 64;
    BLOCK_LEN32 = 16;
    MAX_COUNTER = 2 ** 32 - 1;
    U32_EMPTY = Uint32Array.of();
    _XorStreamPRG = class __XorStreamPRG {
      blockLen;
      keyLen;
      nonceLen;
      state;
      buf;
      key;
      nonce;
      pos;
      ctr;
      cipher;
      constructor(cipher, blockLen, keyLen, nonceLen, seed) {
        this.cipher = cipher;
        this.blockLen = blockLen;
        this.keyLen = keyLen;
        this.nonceLen = nonceLen;
        this.state = new Uint8Array(this.keyLen + this.nonceLen);
        this.reseed(seed);
        this.ctr = 0;
        this.pos = this.blockLen;
        this.buf = new Uint8Array(this.blockLen);
        this.key = this.state.subarray(0, this.keyLen);
        this.nonce = this.state.subarray(this.keyLen);
      }
      reseed(seed) {
        abytes2(seed);
        if (!seed || seed.length === 0)
          throw new Error("entropy required");
        for (let i = 0; i < seed.length; i++)
          this.state[i % this.state.length] ^= seed[i];
        this.ctr = 0;
        this.pos = this.blockLen;
      }
      addEntropy(seed) {
        this.state.set(this.randomBytes(this.state.length));
        this.reseed(seed);
      }
      randomBytes(len) {
        anumber2(len);
        if (len === 0)
          return new Uint8Array(0);
        const out = new Uint8Array(len);
        let outPos = 0;
        if (this.pos < this.blockLen) {
          const take = Math.min(len, this.blockLen - this.pos);
          out.set(this.buf.subarray(this.pos, this.pos + take), 0);
          this.pos += take;
          outPos += take;
          if (outPos === len)
            return out;
        }
        const blocks = Math.floor((len - outPos) / this.blockLen);
        if (blocks > 0) {
          const blockBytes = blocks * this.blockLen;
          const b = out.subarray(outPos, outPos + blockBytes);
          this.cipher(this.key, this.nonce, b, b, this.ctr);
          this.ctr += blocks;
          outPos += blockBytes;
        }
        const left2 = len - outPos;
        if (left2 > 0) {
          this.buf.fill(0);
          this.cipher(this.key, this.nonce, this.buf, this.buf, this.ctr++);
          out.set(this.buf.subarray(0, left2), outPos);
          this.pos = left2;
        }
        return out;
      }
      clone() {
        return new __XorStreamPRG(this.cipher, this.blockLen, this.keyLen, this.nonceLen, this.randomBytes(this.state.length));
      }
      clean() {
        this.pos = 0;
        this.ctr = 0;
        this.buf.fill(0);
        this.state.fill(0);
      }
    };
    createPRG = (cipher, blockLen, keyLen, nonceLen) => {
      return (seed = randomBytes(32)) => new _XorStreamPRG(cipher, blockLen, keyLen, nonceLen, seed);
    };
  }
});

// node_modules/@noble/ciphers/_poly1305.js
function u8to16(a, i) {
  return a[i++] & 255 | (a[i++] & 255) << 8;
}
function wrapConstructorWithKey(hashCons) {
  const hashC = (msg, key) => hashCons(key).update(msg).digest();
  const tmp = hashCons(new Uint8Array(32));
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.create = (key) => hashCons(key);
  return hashC;
}
var Poly1305, poly1305;
var init_poly1305 = __esm({
  "node_modules/@noble/ciphers/_poly1305.js"() {
    init_utils();
    Poly1305 = class {
      blockLen = 16;
      outputLen = 16;
      buffer = new Uint8Array(16);
      r = new Uint16Array(10);
      // Allocating 1 array with .subarray() here is slower than 3
      h = new Uint16Array(10);
      pad = new Uint16Array(8);
      pos = 0;
      finished = false;
      // Can be speed-up using BigUint64Array, at the cost of complexity
      constructor(key) {
        key = copyBytes2(abytes2(key, 32, "key"));
        const t0 = u8to16(key, 0);
        const t1 = u8to16(key, 2);
        const t2 = u8to16(key, 4);
        const t3 = u8to16(key, 6);
        const t4 = u8to16(key, 8);
        const t5 = u8to16(key, 10);
        const t6 = u8to16(key, 12);
        const t7 = u8to16(key, 14);
        this.r[0] = t0 & 8191;
        this.r[1] = (t0 >>> 13 | t1 << 3) & 8191;
        this.r[2] = (t1 >>> 10 | t2 << 6) & 7939;
        this.r[3] = (t2 >>> 7 | t3 << 9) & 8191;
        this.r[4] = (t3 >>> 4 | t4 << 12) & 255;
        this.r[5] = t4 >>> 1 & 8190;
        this.r[6] = (t4 >>> 14 | t5 << 2) & 8191;
        this.r[7] = (t5 >>> 11 | t6 << 5) & 8065;
        this.r[8] = (t6 >>> 8 | t7 << 8) & 8191;
        this.r[9] = t7 >>> 5 & 127;
        for (let i = 0; i < 8; i++)
          this.pad[i] = u8to16(key, 16 + 2 * i);
      }
      process(data, offset, isLast = false) {
        const hibit = isLast ? 0 : 1 << 11;
        const { h, r } = this;
        const r0 = r[0];
        const r1 = r[1];
        const r2 = r[2];
        const r3 = r[3];
        const r4 = r[4];
        const r5 = r[5];
        const r6 = r[6];
        const r7 = r[7];
        const r8 = r[8];
        const r9 = r[9];
        const t0 = u8to16(data, offset + 0);
        const t1 = u8to16(data, offset + 2);
        const t2 = u8to16(data, offset + 4);
        const t3 = u8to16(data, offset + 6);
        const t4 = u8to16(data, offset + 8);
        const t5 = u8to16(data, offset + 10);
        const t6 = u8to16(data, offset + 12);
        const t7 = u8to16(data, offset + 14);
        let h0 = h[0] + (t0 & 8191);
        let h1 = h[1] + ((t0 >>> 13 | t1 << 3) & 8191);
        let h2 = h[2] + ((t1 >>> 10 | t2 << 6) & 8191);
        let h3 = h[3] + ((t2 >>> 7 | t3 << 9) & 8191);
        let h4 = h[4] + ((t3 >>> 4 | t4 << 12) & 8191);
        let h5 = h[5] + (t4 >>> 1 & 8191);
        let h6 = h[6] + ((t4 >>> 14 | t5 << 2) & 8191);
        let h7 = h[7] + ((t5 >>> 11 | t6 << 5) & 8191);
        let h8 = h[8] + ((t6 >>> 8 | t7 << 8) & 8191);
        let h9 = h[9] + (t7 >>> 5 | hibit);
        let c = 0;
        let d0 = c + h0 * r0 + h1 * (5 * r9) + h2 * (5 * r8) + h3 * (5 * r7) + h4 * (5 * r6);
        c = d0 >>> 13;
        d0 &= 8191;
        d0 += h5 * (5 * r5) + h6 * (5 * r4) + h7 * (5 * r3) + h8 * (5 * r2) + h9 * (5 * r1);
        c += d0 >>> 13;
        d0 &= 8191;
        let d1 = c + h0 * r1 + h1 * r0 + h2 * (5 * r9) + h3 * (5 * r8) + h4 * (5 * r7);
        c = d1 >>> 13;
        d1 &= 8191;
        d1 += h5 * (5 * r6) + h6 * (5 * r5) + h7 * (5 * r4) + h8 * (5 * r3) + h9 * (5 * r2);
        c += d1 >>> 13;
        d1 &= 8191;
        let d2 = c + h0 * r2 + h1 * r1 + h2 * r0 + h3 * (5 * r9) + h4 * (5 * r8);
        c = d2 >>> 13;
        d2 &= 8191;
        d2 += h5 * (5 * r7) + h6 * (5 * r6) + h7 * (5 * r5) + h8 * (5 * r4) + h9 * (5 * r3);
        c += d2 >>> 13;
        d2 &= 8191;
        let d3 = c + h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * (5 * r9);
        c = d3 >>> 13;
        d3 &= 8191;
        d3 += h5 * (5 * r8) + h6 * (5 * r7) + h7 * (5 * r6) + h8 * (5 * r5) + h9 * (5 * r4);
        c += d3 >>> 13;
        d3 &= 8191;
        let d4 = c + h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
        c = d4 >>> 13;
        d4 &= 8191;
        d4 += h5 * (5 * r9) + h6 * (5 * r8) + h7 * (5 * r7) + h8 * (5 * r6) + h9 * (5 * r5);
        c += d4 >>> 13;
        d4 &= 8191;
        let d5 = c + h0 * r5 + h1 * r4 + h2 * r3 + h3 * r2 + h4 * r1;
        c = d5 >>> 13;
        d5 &= 8191;
        d5 += h5 * r0 + h6 * (5 * r9) + h7 * (5 * r8) + h8 * (5 * r7) + h9 * (5 * r6);
        c += d5 >>> 13;
        d5 &= 8191;
        let d6 = c + h0 * r6 + h1 * r5 + h2 * r4 + h3 * r3 + h4 * r2;
        c = d6 >>> 13;
        d6 &= 8191;
        d6 += h5 * r1 + h6 * r0 + h7 * (5 * r9) + h8 * (5 * r8) + h9 * (5 * r7);
        c += d6 >>> 13;
        d6 &= 8191;
        let d7 = c + h0 * r7 + h1 * r6 + h2 * r5 + h3 * r4 + h4 * r3;
        c = d7 >>> 13;
        d7 &= 8191;
        d7 += h5 * r2 + h6 * r1 + h7 * r0 + h8 * (5 * r9) + h9 * (5 * r8);
        c += d7 >>> 13;
        d7 &= 8191;
        let d8 = c + h0 * r8 + h1 * r7 + h2 * r6 + h3 * r5 + h4 * r4;
        c = d8 >>> 13;
        d8 &= 8191;
        d8 += h5 * r3 + h6 * r2 + h7 * r1 + h8 * r0 + h9 * (5 * r9);
        c += d8 >>> 13;
        d8 &= 8191;
        let d9 = c + h0 * r9 + h1 * r8 + h2 * r7 + h3 * r6 + h4 * r5;
        c = d9 >>> 13;
        d9 &= 8191;
        d9 += h5 * r4 + h6 * r3 + h7 * r2 + h8 * r1 + h9 * r0;
        c += d9 >>> 13;
        d9 &= 8191;
        c = (c << 2) + c | 0;
        c = c + d0 | 0;
        d0 = c & 8191;
        c = c >>> 13;
        d1 += c;
        h[0] = d0;
        h[1] = d1;
        h[2] = d2;
        h[3] = d3;
        h[4] = d4;
        h[5] = d5;
        h[6] = d6;
        h[7] = d7;
        h[8] = d8;
        h[9] = d9;
      }
      finalize() {
        const { h, pad } = this;
        const g = new Uint16Array(10);
        let c = h[1] >>> 13;
        h[1] &= 8191;
        for (let i = 2; i < 10; i++) {
          h[i] += c;
          c = h[i] >>> 13;
          h[i] &= 8191;
        }
        h[0] += c * 5;
        c = h[0] >>> 13;
        h[0] &= 8191;
        h[1] += c;
        c = h[1] >>> 13;
        h[1] &= 8191;
        h[2] += c;
        g[0] = h[0] + 5;
        c = g[0] >>> 13;
        g[0] &= 8191;
        for (let i = 1; i < 10; i++) {
          g[i] = h[i] + c;
          c = g[i] >>> 13;
          g[i] &= 8191;
        }
        g[9] -= 1 << 13;
        let mask = (c ^ 1) - 1;
        for (let i = 0; i < 10; i++)
          g[i] &= mask;
        mask = ~mask;
        for (let i = 0; i < 10; i++)
          h[i] = h[i] & mask | g[i];
        h[0] = (h[0] | h[1] << 13) & 65535;
        h[1] = (h[1] >>> 3 | h[2] << 10) & 65535;
        h[2] = (h[2] >>> 6 | h[3] << 7) & 65535;
        h[3] = (h[3] >>> 9 | h[4] << 4) & 65535;
        h[4] = (h[4] >>> 12 | h[5] << 1 | h[6] << 14) & 65535;
        h[5] = (h[6] >>> 2 | h[7] << 11) & 65535;
        h[6] = (h[7] >>> 5 | h[8] << 8) & 65535;
        h[7] = (h[8] >>> 8 | h[9] << 5) & 65535;
        let f = h[0] + pad[0];
        h[0] = f & 65535;
        for (let i = 1; i < 8; i++) {
          f = (h[i] + pad[i] | 0) + (f >>> 16) | 0;
          h[i] = f & 65535;
        }
        clean2(g);
      }
      update(data) {
        aexists2(this);
        abytes2(data);
        data = copyBytes2(data);
        const { buffer, blockLen } = this;
        const len = data.length;
        for (let pos = 0; pos < len; ) {
          const take = Math.min(blockLen - this.pos, len - pos);
          if (take === blockLen) {
            for (; blockLen <= len - pos; pos += blockLen)
              this.process(data, pos);
            continue;
          }
          buffer.set(data.subarray(pos, pos + take), this.pos);
          this.pos += take;
          pos += take;
          if (this.pos === blockLen) {
            this.process(buffer, 0, false);
            this.pos = 0;
          }
        }
        return this;
      }
      destroy() {
        clean2(this.h, this.r, this.buffer, this.pad);
      }
      digestInto(out) {
        aexists2(this);
        aoutput2(out, this);
        this.finished = true;
        const { buffer, h } = this;
        let { pos } = this;
        if (pos) {
          buffer[pos++] = 1;
          for (; pos < 16; pos++)
            buffer[pos] = 0;
          this.process(buffer, 0, true);
        }
        this.finalize();
        let opos = 0;
        for (let i = 0; i < 8; i++) {
          out[opos++] = h[i] >>> 0;
          out[opos++] = h[i] >>> 8;
        }
        return out;
      }
      digest() {
        const { buffer, outputLen } = this;
        this.digestInto(buffer);
        const res = buffer.slice(0, outputLen);
        this.destroy();
        return res;
      }
    };
    poly1305 = /* @__PURE__ */ (() => wrapConstructorWithKey((key) => new Poly1305(key)))();
  }
});

// node_modules/@noble/ciphers/chacha.js
var chacha_exports = {};
__export(chacha_exports, {
  _poly1305_aead: () => _poly1305_aead,
  chacha12: () => chacha12,
  chacha20: () => chacha20,
  chacha20orig: () => chacha20orig,
  chacha20poly1305: () => chacha20poly1305,
  chacha8: () => chacha8,
  hchacha: () => hchacha,
  rngChacha20: () => rngChacha20,
  rngChacha8: () => rngChacha8,
  xchacha20: () => xchacha20,
  xchacha20poly1305: () => xchacha20poly1305
});
function chachaCore(s, k, n, out, cnt, rounds = 20) {
  let y00 = s[0], y01 = s[1], y02 = s[2], y03 = s[3], y04 = k[0], y05 = k[1], y06 = k[2], y07 = k[3], y08 = k[4], y09 = k[5], y10 = k[6], y11 = k[7], y12 = cnt, y13 = n[0], y14 = n[1], y15 = n[2];
  let x00 = y00, x01 = y01, x02 = y02, x03 = y03, x04 = y04, x05 = y05, x06 = y06, x07 = y07, x08 = y08, x09 = y09, x10 = y10, x11 = y11, x12 = y12, x13 = y13, x14 = y14, x15 = y15;
  for (let r = 0; r < rounds; r += 2) {
    x00 = x00 + x04 | 0;
    x12 = rotl(x12 ^ x00, 16);
    x08 = x08 + x12 | 0;
    x04 = rotl(x04 ^ x08, 12);
    x00 = x00 + x04 | 0;
    x12 = rotl(x12 ^ x00, 8);
    x08 = x08 + x12 | 0;
    x04 = rotl(x04 ^ x08, 7);
    x01 = x01 + x05 | 0;
    x13 = rotl(x13 ^ x01, 16);
    x09 = x09 + x13 | 0;
    x05 = rotl(x05 ^ x09, 12);
    x01 = x01 + x05 | 0;
    x13 = rotl(x13 ^ x01, 8);
    x09 = x09 + x13 | 0;
    x05 = rotl(x05 ^ x09, 7);
    x02 = x02 + x06 | 0;
    x14 = rotl(x14 ^ x02, 16);
    x10 = x10 + x14 | 0;
    x06 = rotl(x06 ^ x10, 12);
    x02 = x02 + x06 | 0;
    x14 = rotl(x14 ^ x02, 8);
    x10 = x10 + x14 | 0;
    x06 = rotl(x06 ^ x10, 7);
    x03 = x03 + x07 | 0;
    x15 = rotl(x15 ^ x03, 16);
    x11 = x11 + x15 | 0;
    x07 = rotl(x07 ^ x11, 12);
    x03 = x03 + x07 | 0;
    x15 = rotl(x15 ^ x03, 8);
    x11 = x11 + x15 | 0;
    x07 = rotl(x07 ^ x11, 7);
    x00 = x00 + x05 | 0;
    x15 = rotl(x15 ^ x00, 16);
    x10 = x10 + x15 | 0;
    x05 = rotl(x05 ^ x10, 12);
    x00 = x00 + x05 | 0;
    x15 = rotl(x15 ^ x00, 8);
    x10 = x10 + x15 | 0;
    x05 = rotl(x05 ^ x10, 7);
    x01 = x01 + x06 | 0;
    x12 = rotl(x12 ^ x01, 16);
    x11 = x11 + x12 | 0;
    x06 = rotl(x06 ^ x11, 12);
    x01 = x01 + x06 | 0;
    x12 = rotl(x12 ^ x01, 8);
    x11 = x11 + x12 | 0;
    x06 = rotl(x06 ^ x11, 7);
    x02 = x02 + x07 | 0;
    x13 = rotl(x13 ^ x02, 16);
    x08 = x08 + x13 | 0;
    x07 = rotl(x07 ^ x08, 12);
    x02 = x02 + x07 | 0;
    x13 = rotl(x13 ^ x02, 8);
    x08 = x08 + x13 | 0;
    x07 = rotl(x07 ^ x08, 7);
    x03 = x03 + x04 | 0;
    x14 = rotl(x14 ^ x03, 16);
    x09 = x09 + x14 | 0;
    x04 = rotl(x04 ^ x09, 12);
    x03 = x03 + x04 | 0;
    x14 = rotl(x14 ^ x03, 8);
    x09 = x09 + x14 | 0;
    x04 = rotl(x04 ^ x09, 7);
  }
  let oi = 0;
  out[oi++] = y00 + x00 | 0;
  out[oi++] = y01 + x01 | 0;
  out[oi++] = y02 + x02 | 0;
  out[oi++] = y03 + x03 | 0;
  out[oi++] = y04 + x04 | 0;
  out[oi++] = y05 + x05 | 0;
  out[oi++] = y06 + x06 | 0;
  out[oi++] = y07 + x07 | 0;
  out[oi++] = y08 + x08 | 0;
  out[oi++] = y09 + x09 | 0;
  out[oi++] = y10 + x10 | 0;
  out[oi++] = y11 + x11 | 0;
  out[oi++] = y12 + x12 | 0;
  out[oi++] = y13 + x13 | 0;
  out[oi++] = y14 + x14 | 0;
  out[oi++] = y15 + x15 | 0;
}
function hchacha(s, k, i, out) {
  let x00 = s[0], x01 = s[1], x02 = s[2], x03 = s[3], x04 = k[0], x05 = k[1], x06 = k[2], x07 = k[3], x08 = k[4], x09 = k[5], x10 = k[6], x11 = k[7], x12 = i[0], x13 = i[1], x14 = i[2], x15 = i[3];
  for (let r = 0; r < 20; r += 2) {
    x00 = x00 + x04 | 0;
    x12 = rotl(x12 ^ x00, 16);
    x08 = x08 + x12 | 0;
    x04 = rotl(x04 ^ x08, 12);
    x00 = x00 + x04 | 0;
    x12 = rotl(x12 ^ x00, 8);
    x08 = x08 + x12 | 0;
    x04 = rotl(x04 ^ x08, 7);
    x01 = x01 + x05 | 0;
    x13 = rotl(x13 ^ x01, 16);
    x09 = x09 + x13 | 0;
    x05 = rotl(x05 ^ x09, 12);
    x01 = x01 + x05 | 0;
    x13 = rotl(x13 ^ x01, 8);
    x09 = x09 + x13 | 0;
    x05 = rotl(x05 ^ x09, 7);
    x02 = x02 + x06 | 0;
    x14 = rotl(x14 ^ x02, 16);
    x10 = x10 + x14 | 0;
    x06 = rotl(x06 ^ x10, 12);
    x02 = x02 + x06 | 0;
    x14 = rotl(x14 ^ x02, 8);
    x10 = x10 + x14 | 0;
    x06 = rotl(x06 ^ x10, 7);
    x03 = x03 + x07 | 0;
    x15 = rotl(x15 ^ x03, 16);
    x11 = x11 + x15 | 0;
    x07 = rotl(x07 ^ x11, 12);
    x03 = x03 + x07 | 0;
    x15 = rotl(x15 ^ x03, 8);
    x11 = x11 + x15 | 0;
    x07 = rotl(x07 ^ x11, 7);
    x00 = x00 + x05 | 0;
    x15 = rotl(x15 ^ x00, 16);
    x10 = x10 + x15 | 0;
    x05 = rotl(x05 ^ x10, 12);
    x00 = x00 + x05 | 0;
    x15 = rotl(x15 ^ x00, 8);
    x10 = x10 + x15 | 0;
    x05 = rotl(x05 ^ x10, 7);
    x01 = x01 + x06 | 0;
    x12 = rotl(x12 ^ x01, 16);
    x11 = x11 + x12 | 0;
    x06 = rotl(x06 ^ x11, 12);
    x01 = x01 + x06 | 0;
    x12 = rotl(x12 ^ x01, 8);
    x11 = x11 + x12 | 0;
    x06 = rotl(x06 ^ x11, 7);
    x02 = x02 + x07 | 0;
    x13 = rotl(x13 ^ x02, 16);
    x08 = x08 + x13 | 0;
    x07 = rotl(x07 ^ x08, 12);
    x02 = x02 + x07 | 0;
    x13 = rotl(x13 ^ x02, 8);
    x08 = x08 + x13 | 0;
    x07 = rotl(x07 ^ x08, 7);
    x03 = x03 + x04 | 0;
    x14 = rotl(x14 ^ x03, 16);
    x09 = x09 + x14 | 0;
    x04 = rotl(x04 ^ x09, 12);
    x03 = x03 + x04 | 0;
    x14 = rotl(x14 ^ x03, 8);
    x09 = x09 + x14 | 0;
    x04 = rotl(x04 ^ x09, 7);
  }
  let oi = 0;
  out[oi++] = x00;
  out[oi++] = x01;
  out[oi++] = x02;
  out[oi++] = x03;
  out[oi++] = x12;
  out[oi++] = x13;
  out[oi++] = x14;
  out[oi++] = x15;
}
function computeTag(fn, key, nonce, ciphertext, AAD) {
  if (AAD !== void 0)
    abytes2(AAD, void 0, "AAD");
  const authKey = fn(key, nonce, ZEROS32);
  const lengths = u64Lengths(ciphertext.length, AAD ? AAD.length : 0, true);
  const h = poly1305.create(authKey);
  if (AAD)
    updatePadded(h, AAD);
  updatePadded(h, ciphertext);
  h.update(lengths);
  const res = h.digest();
  clean2(authKey, lengths);
  return res;
}
var chacha20orig, chacha20, xchacha20, chacha8, chacha12, ZEROS16, updatePadded, ZEROS32, _poly1305_aead, chacha20poly1305, xchacha20poly1305, rngChacha20, rngChacha8;
var init_chacha = __esm({
  "node_modules/@noble/ciphers/chacha.js"() {
    init_arx();
    init_poly1305();
    init_utils();
    chacha20orig = /* @__PURE__ */ createCipher(chachaCore, {
      counterRight: false,
      counterLength: 8,
      allowShortKeys: true
    });
    chacha20 = /* @__PURE__ */ createCipher(chachaCore, {
      counterRight: false,
      counterLength: 4,
      allowShortKeys: false
    });
    xchacha20 = /* @__PURE__ */ createCipher(chachaCore, {
      counterRight: false,
      counterLength: 8,
      extendNonceFn: hchacha,
      allowShortKeys: false
    });
    chacha8 = /* @__PURE__ */ createCipher(chachaCore, {
      counterRight: false,
      counterLength: 4,
      rounds: 8
    });
    chacha12 = /* @__PURE__ */ createCipher(chachaCore, {
      counterRight: false,
      counterLength: 4,
      rounds: 12
    });
    ZEROS16 = /* @__PURE__ */ new Uint8Array(16);
    updatePadded = (h, msg) => {
      h.update(msg);
      const leftover = msg.length % 16;
      if (leftover)
        h.update(ZEROS16.subarray(leftover));
    };
    ZEROS32 = /* @__PURE__ */ new Uint8Array(32);
    _poly1305_aead = (xorStream) => (key, nonce, AAD) => {
      const tagLength = 16;
      return {
        encrypt(plaintext, output) {
          const plength = plaintext.length;
          output = getOutput(plength + tagLength, output, false);
          output.set(plaintext);
          const oPlain = output.subarray(0, -tagLength);
          xorStream(key, nonce, oPlain, oPlain, 1);
          const tag = computeTag(xorStream, key, nonce, oPlain, AAD);
          output.set(tag, plength);
          clean2(tag);
          return output;
        },
        decrypt(ciphertext, output) {
          output = getOutput(ciphertext.length - tagLength, output, false);
          const data = ciphertext.subarray(0, -tagLength);
          const passedTag = ciphertext.subarray(-tagLength);
          const tag = computeTag(xorStream, key, nonce, data, AAD);
          if (!equalBytes(passedTag, tag))
            throw new Error("invalid tag");
          output.set(ciphertext.subarray(0, -tagLength));
          xorStream(key, nonce, output, output, 1);
          clean2(tag);
          return output;
        }
      };
    };
    chacha20poly1305 = /* @__PURE__ */ wrapCipher({ blockSize: 64, nonceLength: 12, tagLength: 16 }, _poly1305_aead(chacha20));
    xchacha20poly1305 = /* @__PURE__ */ wrapCipher({ blockSize: 64, nonceLength: 24, tagLength: 16 }, _poly1305_aead(xchacha20));
    rngChacha20 = /* @__PURE__ */ createPRG(chacha20orig, 64, 32, 8);
    rngChacha8 = /* @__PURE__ */ createPRG(chacha8, 64, 32, 12);
  }
});

// node_modules/@noble/hashes/utils.js
function isBytes3(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function anumber3(n, title = "") {
  if (!Number.isSafeInteger(n) || n < 0) {
    const prefix = title && `"${title}" `;
    throw new Error(`${prefix}expected integer >= 0, got ${n}`);
  }
}
function abytes3(value, length, title = "") {
  const bytes = isBytes3(value);
  const len = value?.length;
  const needsLen = length !== void 0;
  if (!bytes || needsLen && len !== length) {
    const prefix = title && `"${title}" `;
    const ofLen = needsLen ? ` of length ${length}` : "";
    const got = bytes ? `length=${len}` : `type=${typeof value}`;
    throw new Error(prefix + "expected Uint8Array" + ofLen + ", got " + got);
  }
  return value;
}
function ahash2(h) {
  if (typeof h !== "function" || typeof h.create !== "function")
    throw new Error("Hash must wrapped by utils.createHasher");
  anumber3(h.outputLen);
  anumber3(h.blockLen);
}
function aexists3(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished)
    throw new Error("Hash#digest() has already been called");
}
function aoutput3(out, instance) {
  abytes3(out, void 0, "digestInto() output");
  const min = instance.outputLen;
  if (out.length < min) {
    throw new Error('"digestInto() output" expected to be of length >=' + min);
  }
}
function u323(arr) {
  return new Uint32Array(arr.buffer, arr.byteOffset, Math.floor(arr.byteLength / 4));
}
function clean3(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView3(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr2(word, shift) {
  return word << 32 - shift | word >>> shift;
}
function byteSwap(word) {
  return word << 24 & 4278190080 | word << 8 & 16711680 | word >>> 8 & 65280 | word >>> 24 & 255;
}
function byteSwap32(arr) {
  for (let i = 0; i < arr.length; i++) {
    arr[i] = byteSwap(arr[i]);
  }
  return arr;
}
function bytesToHex2(bytes) {
  abytes3(bytes);
  if (hasHexBuiltin)
    return bytes.toHex();
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += hexes[bytes[i]];
  }
  return hex;
}
function asciiToBase16(ch) {
  if (ch >= asciis._0 && ch <= asciis._9)
    return ch - asciis._0;
  if (ch >= asciis.A && ch <= asciis.F)
    return ch - (asciis.A - 10);
  if (ch >= asciis.a && ch <= asciis.f)
    return ch - (asciis.a - 10);
  return;
}
function hexToBytes2(hex) {
  if (typeof hex !== "string")
    throw new Error("hex string expected, got " + typeof hex);
  if (hasHexBuiltin)
    return Uint8Array.fromHex(hex);
  const hl = hex.length;
  const al = hl / 2;
  if (hl % 2)
    throw new Error("hex string expected, got unpadded hex of length " + hl);
  const array = new Uint8Array(al);
  for (let ai = 0, hi = 0; ai < al; ai++, hi += 2) {
    const n1 = asciiToBase16(hex.charCodeAt(hi));
    const n2 = asciiToBase16(hex.charCodeAt(hi + 1));
    if (n1 === void 0 || n2 === void 0) {
      const char = hex[hi] + hex[hi + 1];
      throw new Error('hex string expected, got non-hex character "' + char + '" at index ' + hi);
    }
    array[ai] = n1 * 16 + n2;
  }
  return array;
}
function concatBytes2(...arrays) {
  let sum = 0;
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    abytes3(a);
    sum += a.length;
  }
  const res = new Uint8Array(sum);
  for (let i = 0, pad = 0; i < arrays.length; i++) {
    const a = arrays[i];
    res.set(a, pad);
    pad += a.length;
  }
  return res;
}
function createHasher2(hashCons, info = {}) {
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
function randomBytes2(bytesLength = 32) {
  const cr = typeof globalThis === "object" ? globalThis.crypto : null;
  if (typeof cr?.getRandomValues !== "function")
    throw new Error("crypto.getRandomValues must be defined");
  return cr.getRandomValues(new Uint8Array(bytesLength));
}
var isLE3, swap32IfBE2, hasHexBuiltin, hexes, asciis, oidNist2;
var init_utils2 = __esm({
  "node_modules/@noble/hashes/utils.js"() {
    isLE3 = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68)();
    swap32IfBE2 = isLE3 ? (u) => u : byteSwap32;
    hasHexBuiltin = /* @__PURE__ */ (() => (
      // @ts-ignore
      typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
    ))();
    hexes = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
    asciis = { _0: 48, _9: 57, A: 65, F: 70, a: 97, f: 102 };
    oidNist2 = (suffix) => ({
      oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
    });
  }
});

// node_modules/@noble/hashes/_md.js
function Chi2(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj2(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD2, SHA256_IV2, SHA384_IV2, SHA512_IV2;
var init_md = __esm({
  "node_modules/@noble/hashes/_md.js"() {
    init_utils2();
    HashMD2 = class {
      blockLen;
      outputLen;
      padOffset;
      isLE;
      // For partial updates less than block size
      buffer;
      view;
      finished = false;
      length = 0;
      pos = 0;
      destroyed = false;
      constructor(blockLen, outputLen, padOffset, isLE4) {
        this.blockLen = blockLen;
        this.outputLen = outputLen;
        this.padOffset = padOffset;
        this.isLE = isLE4;
        this.buffer = new Uint8Array(blockLen);
        this.view = createView3(this.buffer);
      }
      update(data) {
        aexists3(this);
        abytes3(data);
        const { view: view2, buffer, blockLen } = this;
        const len = data.length;
        for (let pos = 0; pos < len; ) {
          const take = Math.min(blockLen - this.pos, len - pos);
          if (take === blockLen) {
            const dataView = createView3(data);
            for (; blockLen <= len - pos; pos += blockLen)
              this.process(dataView, pos);
            continue;
          }
          buffer.set(data.subarray(pos, pos + take), this.pos);
          this.pos += take;
          pos += take;
          if (this.pos === blockLen) {
            this.process(view2, 0);
            this.pos = 0;
          }
        }
        this.length += data.length;
        this.roundClean();
        return this;
      }
      digestInto(out) {
        aexists3(this);
        aoutput3(out, this);
        this.finished = true;
        const { buffer, view: view2, blockLen, isLE: isLE4 } = this;
        let { pos } = this;
        buffer[pos++] = 128;
        clean3(this.buffer.subarray(pos));
        if (this.padOffset > blockLen - pos) {
          this.process(view2, 0);
          pos = 0;
        }
        for (let i = pos; i < blockLen; i++)
          buffer[i] = 0;
        view2.setBigUint64(blockLen - 8, BigInt(this.length * 8), isLE4);
        this.process(view2, 0);
        const oview = createView3(out);
        const len = this.outputLen;
        if (len % 4)
          throw new Error("_sha2: outputLen must be aligned to 32bit");
        const outLen = len / 4;
        const state = this.get();
        if (outLen > state.length)
          throw new Error("_sha2: outputLen bigger than state");
        for (let i = 0; i < outLen; i++)
          oview.setUint32(4 * i, state[i], isLE4);
      }
      digest() {
        const { buffer, outputLen } = this;
        this.digestInto(buffer);
        const res = buffer.slice(0, outputLen);
        this.destroy();
        return res;
      }
      _cloneInto(to) {
        to ||= new this.constructor();
        to.set(...this.get());
        const { blockLen, buffer, length, finished: finished2, destroyed, pos } = this;
        to.destroyed = destroyed;
        to.finished = finished2;
        to.length = length;
        to.pos = pos;
        if (length % blockLen)
          to.buffer.set(buffer);
        return to;
      }
      clone() {
        return this._cloneInto();
      }
    };
    SHA256_IV2 = /* @__PURE__ */ Uint32Array.from([
      1779033703,
      3144134277,
      1013904242,
      2773480762,
      1359893119,
      2600822924,
      528734635,
      1541459225
    ]);
    SHA384_IV2 = /* @__PURE__ */ Uint32Array.from([
      3418070365,
      3238371032,
      1654270250,
      914150663,
      2438529370,
      812702999,
      355462360,
      4144912697,
      1731405415,
      4290775857,
      2394180231,
      1750603025,
      3675008525,
      1694076839,
      1203062813,
      3204075428
    ]);
    SHA512_IV2 = /* @__PURE__ */ Uint32Array.from([
      1779033703,
      4089235720,
      3144134277,
      2227873595,
      1013904242,
      4271175723,
      2773480762,
      1595750129,
      1359893119,
      2917565137,
      2600822924,
      725511199,
      528734635,
      4215389547,
      1541459225,
      327033209
    ]);
  }
});

// node_modules/@noble/hashes/_u64.js
function fromBig2(n, le = false) {
  if (le)
    return { h: Number(n & U32_MASK642), l: Number(n >> _32n2 & U32_MASK642) };
  return { h: Number(n >> _32n2 & U32_MASK642) | 0, l: Number(n & U32_MASK642) | 0 };
}
function split2(lst, le = false) {
  const len = lst.length;
  let Ah = new Uint32Array(len);
  let Al = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const { h, l } = fromBig2(lst[i], le);
    [Ah[i], Al[i]] = [h, l];
  }
  return [Ah, Al];
}
function add2(Ah, Al, Bh, Bl) {
  const l = (Al >>> 0) + (Bl >>> 0);
  return { h: Ah + Bh + (l / 2 ** 32 | 0) | 0, l: l | 0 };
}
var U32_MASK642, _32n2, shrSH2, shrSL2, rotrSH2, rotrSL2, rotrBH2, rotrBL2, rotlSH2, rotlSL2, rotlBH2, rotlBL2, add3L2, add3H2, add4L2, add4H2, add5L2, add5H2;
var init_u64 = __esm({
  "node_modules/@noble/hashes/_u64.js"() {
    U32_MASK642 = /* @__PURE__ */ BigInt(2 ** 32 - 1);
    _32n2 = /* @__PURE__ */ BigInt(32);
    shrSH2 = (h, _l, s) => h >>> s;
    shrSL2 = (h, l, s) => h << 32 - s | l >>> s;
    rotrSH2 = (h, l, s) => h >>> s | l << 32 - s;
    rotrSL2 = (h, l, s) => h << 32 - s | l >>> s;
    rotrBH2 = (h, l, s) => h << 64 - s | l >>> s - 32;
    rotrBL2 = (h, l, s) => h >>> s - 32 | l << 64 - s;
    rotlSH2 = (h, l, s) => h << s | l >>> 32 - s;
    rotlSL2 = (h, l, s) => l << s | h >>> 32 - s;
    rotlBH2 = (h, l, s) => l << s - 32 | h >>> 64 - s;
    rotlBL2 = (h, l, s) => h << s - 32 | l >>> 64 - s;
    add3L2 = (Al, Bl, Cl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0);
    add3H2 = (low, Ah, Bh, Ch) => Ah + Bh + Ch + (low / 2 ** 32 | 0) | 0;
    add4L2 = (Al, Bl, Cl, Dl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0);
    add4H2 = (low, Ah, Bh, Ch, Dh) => Ah + Bh + Ch + Dh + (low / 2 ** 32 | 0) | 0;
    add5L2 = (Al, Bl, Cl, Dl, El) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0) + (El >>> 0);
    add5H2 = (low, Ah, Bh, Ch, Dh, Eh) => Ah + Bh + Ch + Dh + Eh + (low / 2 ** 32 | 0) | 0;
  }
});

// node_modules/@noble/hashes/sha2.js
var SHA256_K, SHA256_W, SHA2_32B, _SHA256, K512, SHA512_Kh, SHA512_Kl, SHA512_W_H, SHA512_W_L, SHA2_64B, _SHA512, _SHA384, sha2562, sha5122, sha3842;
var init_sha2 = __esm({
  "node_modules/@noble/hashes/sha2.js"() {
    init_md();
    init_u64();
    init_utils2();
    SHA256_K = /* @__PURE__ */ Uint32Array.from([
      1116352408,
      1899447441,
      3049323471,
      3921009573,
      961987163,
      1508970993,
      2453635748,
      2870763221,
      3624381080,
      310598401,
      607225278,
      1426881987,
      1925078388,
      2162078206,
      2614888103,
      3248222580,
      3835390401,
      4022224774,
      264347078,
      604807628,
      770255983,
      1249150122,
      1555081692,
      1996064986,
      2554220882,
      2821834349,
      2952996808,
      3210313671,
      3336571891,
      3584528711,
      113926993,
      338241895,
      666307205,
      773529912,
      1294757372,
      1396182291,
      1695183700,
      1986661051,
      2177026350,
      2456956037,
      2730485921,
      2820302411,
      3259730800,
      3345764771,
      3516065817,
      3600352804,
      4094571909,
      275423344,
      430227734,
      506948616,
      659060556,
      883997877,
      958139571,
      1322822218,
      1537002063,
      1747873779,
      1955562222,
      2024104815,
      2227730452,
      2361852424,
      2428436474,
      2756734187,
      3204031479,
      3329325298
    ]);
    SHA256_W = /* @__PURE__ */ new Uint32Array(64);
    SHA2_32B = class extends HashMD2 {
      constructor(outputLen) {
        super(64, outputLen, 8, false);
      }
      get() {
        const { A, B, C, D, E, F, G, H } = this;
        return [A, B, C, D, E, F, G, H];
      }
      // prettier-ignore
      set(A, B, C, D, E, F, G, H) {
        this.A = A | 0;
        this.B = B | 0;
        this.C = C | 0;
        this.D = D | 0;
        this.E = E | 0;
        this.F = F | 0;
        this.G = G | 0;
        this.H = H | 0;
      }
      process(view2, offset) {
        for (let i = 0; i < 16; i++, offset += 4)
          SHA256_W[i] = view2.getUint32(offset, false);
        for (let i = 16; i < 64; i++) {
          const W15 = SHA256_W[i - 15];
          const W2 = SHA256_W[i - 2];
          const s0 = rotr2(W15, 7) ^ rotr2(W15, 18) ^ W15 >>> 3;
          const s1 = rotr2(W2, 17) ^ rotr2(W2, 19) ^ W2 >>> 10;
          SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
        }
        let { A, B, C, D, E, F, G, H } = this;
        for (let i = 0; i < 64; i++) {
          const sigma1 = rotr2(E, 6) ^ rotr2(E, 11) ^ rotr2(E, 25);
          const T1 = H + sigma1 + Chi2(E, F, G) + SHA256_K[i] + SHA256_W[i] | 0;
          const sigma0 = rotr2(A, 2) ^ rotr2(A, 13) ^ rotr2(A, 22);
          const T2 = sigma0 + Maj2(A, B, C) | 0;
          H = G;
          G = F;
          F = E;
          E = D + T1 | 0;
          D = C;
          C = B;
          B = A;
          A = T1 + T2 | 0;
        }
        A = A + this.A | 0;
        B = B + this.B | 0;
        C = C + this.C | 0;
        D = D + this.D | 0;
        E = E + this.E | 0;
        F = F + this.F | 0;
        G = G + this.G | 0;
        H = H + this.H | 0;
        this.set(A, B, C, D, E, F, G, H);
      }
      roundClean() {
        clean3(SHA256_W);
      }
      destroy() {
        this.set(0, 0, 0, 0, 0, 0, 0, 0);
        clean3(this.buffer);
      }
    };
    _SHA256 = class extends SHA2_32B {
      // We cannot use array here since array allows indexing by variable
      // which means optimizer/compiler cannot use registers.
      A = SHA256_IV2[0] | 0;
      B = SHA256_IV2[1] | 0;
      C = SHA256_IV2[2] | 0;
      D = SHA256_IV2[3] | 0;
      E = SHA256_IV2[4] | 0;
      F = SHA256_IV2[5] | 0;
      G = SHA256_IV2[6] | 0;
      H = SHA256_IV2[7] | 0;
      constructor() {
        super(32);
      }
    };
    K512 = /* @__PURE__ */ (() => split2([
      "0x428a2f98d728ae22",
      "0x7137449123ef65cd",
      "0xb5c0fbcfec4d3b2f",
      "0xe9b5dba58189dbbc",
      "0x3956c25bf348b538",
      "0x59f111f1b605d019",
      "0x923f82a4af194f9b",
      "0xab1c5ed5da6d8118",
      "0xd807aa98a3030242",
      "0x12835b0145706fbe",
      "0x243185be4ee4b28c",
      "0x550c7dc3d5ffb4e2",
      "0x72be5d74f27b896f",
      "0x80deb1fe3b1696b1",
      "0x9bdc06a725c71235",
      "0xc19bf174cf692694",
      "0xe49b69c19ef14ad2",
      "0xefbe4786384f25e3",
      "0x0fc19dc68b8cd5b5",
      "0x240ca1cc77ac9c65",
      "0x2de92c6f592b0275",
      "0x4a7484aa6ea6e483",
      "0x5cb0a9dcbd41fbd4",
      "0x76f988da831153b5",
      "0x983e5152ee66dfab",
      "0xa831c66d2db43210",
      "0xb00327c898fb213f",
      "0xbf597fc7beef0ee4",
      "0xc6e00bf33da88fc2",
      "0xd5a79147930aa725",
      "0x06ca6351e003826f",
      "0x142929670a0e6e70",
      "0x27b70a8546d22ffc",
      "0x2e1b21385c26c926",
      "0x4d2c6dfc5ac42aed",
      "0x53380d139d95b3df",
      "0x650a73548baf63de",
      "0x766a0abb3c77b2a8",
      "0x81c2c92e47edaee6",
      "0x92722c851482353b",
      "0xa2bfe8a14cf10364",
      "0xa81a664bbc423001",
      "0xc24b8b70d0f89791",
      "0xc76c51a30654be30",
      "0xd192e819d6ef5218",
      "0xd69906245565a910",
      "0xf40e35855771202a",
      "0x106aa07032bbd1b8",
      "0x19a4c116b8d2d0c8",
      "0x1e376c085141ab53",
      "0x2748774cdf8eeb99",
      "0x34b0bcb5e19b48a8",
      "0x391c0cb3c5c95a63",
      "0x4ed8aa4ae3418acb",
      "0x5b9cca4f7763e373",
      "0x682e6ff3d6b2b8a3",
      "0x748f82ee5defb2fc",
      "0x78a5636f43172f60",
      "0x84c87814a1f0ab72",
      "0x8cc702081a6439ec",
      "0x90befffa23631e28",
      "0xa4506cebde82bde9",
      "0xbef9a3f7b2c67915",
      "0xc67178f2e372532b",
      "0xca273eceea26619c",
      "0xd186b8c721c0c207",
      "0xeada7dd6cde0eb1e",
      "0xf57d4f7fee6ed178",
      "0x06f067aa72176fba",
      "0x0a637dc5a2c898a6",
      "0x113f9804bef90dae",
      "0x1b710b35131c471b",
      "0x28db77f523047d84",
      "0x32caab7b40c72493",
      "0x3c9ebe0a15c9bebc",
      "0x431d67c49c100d4c",
      "0x4cc5d4becb3e42b6",
      "0x597f299cfc657e2a",
      "0x5fcb6fab3ad6faec",
      "0x6c44198c4a475817"
    ].map((n) => BigInt(n))))();
    SHA512_Kh = /* @__PURE__ */ (() => K512[0])();
    SHA512_Kl = /* @__PURE__ */ (() => K512[1])();
    SHA512_W_H = /* @__PURE__ */ new Uint32Array(80);
    SHA512_W_L = /* @__PURE__ */ new Uint32Array(80);
    SHA2_64B = class extends HashMD2 {
      constructor(outputLen) {
        super(128, outputLen, 16, false);
      }
      // prettier-ignore
      get() {
        const { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
        return [Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl];
      }
      // prettier-ignore
      set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl) {
        this.Ah = Ah | 0;
        this.Al = Al | 0;
        this.Bh = Bh | 0;
        this.Bl = Bl | 0;
        this.Ch = Ch | 0;
        this.Cl = Cl | 0;
        this.Dh = Dh | 0;
        this.Dl = Dl | 0;
        this.Eh = Eh | 0;
        this.El = El | 0;
        this.Fh = Fh | 0;
        this.Fl = Fl | 0;
        this.Gh = Gh | 0;
        this.Gl = Gl | 0;
        this.Hh = Hh | 0;
        this.Hl = Hl | 0;
      }
      process(view2, offset) {
        for (let i = 0; i < 16; i++, offset += 4) {
          SHA512_W_H[i] = view2.getUint32(offset);
          SHA512_W_L[i] = view2.getUint32(offset += 4);
        }
        for (let i = 16; i < 80; i++) {
          const W15h = SHA512_W_H[i - 15] | 0;
          const W15l = SHA512_W_L[i - 15] | 0;
          const s0h = rotrSH2(W15h, W15l, 1) ^ rotrSH2(W15h, W15l, 8) ^ shrSH2(W15h, W15l, 7);
          const s0l = rotrSL2(W15h, W15l, 1) ^ rotrSL2(W15h, W15l, 8) ^ shrSL2(W15h, W15l, 7);
          const W2h = SHA512_W_H[i - 2] | 0;
          const W2l = SHA512_W_L[i - 2] | 0;
          const s1h = rotrSH2(W2h, W2l, 19) ^ rotrBH2(W2h, W2l, 61) ^ shrSH2(W2h, W2l, 6);
          const s1l = rotrSL2(W2h, W2l, 19) ^ rotrBL2(W2h, W2l, 61) ^ shrSL2(W2h, W2l, 6);
          const SUMl = add4L2(s0l, s1l, SHA512_W_L[i - 7], SHA512_W_L[i - 16]);
          const SUMh = add4H2(SUMl, s0h, s1h, SHA512_W_H[i - 7], SHA512_W_H[i - 16]);
          SHA512_W_H[i] = SUMh | 0;
          SHA512_W_L[i] = SUMl | 0;
        }
        let { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
        for (let i = 0; i < 80; i++) {
          const sigma1h = rotrSH2(Eh, El, 14) ^ rotrSH2(Eh, El, 18) ^ rotrBH2(Eh, El, 41);
          const sigma1l = rotrSL2(Eh, El, 14) ^ rotrSL2(Eh, El, 18) ^ rotrBL2(Eh, El, 41);
          const CHIh = Eh & Fh ^ ~Eh & Gh;
          const CHIl = El & Fl ^ ~El & Gl;
          const T1ll = add5L2(Hl, sigma1l, CHIl, SHA512_Kl[i], SHA512_W_L[i]);
          const T1h = add5H2(T1ll, Hh, sigma1h, CHIh, SHA512_Kh[i], SHA512_W_H[i]);
          const T1l = T1ll | 0;
          const sigma0h = rotrSH2(Ah, Al, 28) ^ rotrBH2(Ah, Al, 34) ^ rotrBH2(Ah, Al, 39);
          const sigma0l = rotrSL2(Ah, Al, 28) ^ rotrBL2(Ah, Al, 34) ^ rotrBL2(Ah, Al, 39);
          const MAJh = Ah & Bh ^ Ah & Ch ^ Bh & Ch;
          const MAJl = Al & Bl ^ Al & Cl ^ Bl & Cl;
          Hh = Gh | 0;
          Hl = Gl | 0;
          Gh = Fh | 0;
          Gl = Fl | 0;
          Fh = Eh | 0;
          Fl = El | 0;
          ({ h: Eh, l: El } = add2(Dh | 0, Dl | 0, T1h | 0, T1l | 0));
          Dh = Ch | 0;
          Dl = Cl | 0;
          Ch = Bh | 0;
          Cl = Bl | 0;
          Bh = Ah | 0;
          Bl = Al | 0;
          const All = add3L2(T1l, sigma0l, MAJl);
          Ah = add3H2(All, T1h, sigma0h, MAJh);
          Al = All | 0;
        }
        ({ h: Ah, l: Al } = add2(this.Ah | 0, this.Al | 0, Ah | 0, Al | 0));
        ({ h: Bh, l: Bl } = add2(this.Bh | 0, this.Bl | 0, Bh | 0, Bl | 0));
        ({ h: Ch, l: Cl } = add2(this.Ch | 0, this.Cl | 0, Ch | 0, Cl | 0));
        ({ h: Dh, l: Dl } = add2(this.Dh | 0, this.Dl | 0, Dh | 0, Dl | 0));
        ({ h: Eh, l: El } = add2(this.Eh | 0, this.El | 0, Eh | 0, El | 0));
        ({ h: Fh, l: Fl } = add2(this.Fh | 0, this.Fl | 0, Fh | 0, Fl | 0));
        ({ h: Gh, l: Gl } = add2(this.Gh | 0, this.Gl | 0, Gh | 0, Gl | 0));
        ({ h: Hh, l: Hl } = add2(this.Hh | 0, this.Hl | 0, Hh | 0, Hl | 0));
        this.set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl);
      }
      roundClean() {
        clean3(SHA512_W_H, SHA512_W_L);
      }
      destroy() {
        clean3(this.buffer);
        this.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      }
    };
    _SHA512 = class extends SHA2_64B {
      Ah = SHA512_IV2[0] | 0;
      Al = SHA512_IV2[1] | 0;
      Bh = SHA512_IV2[2] | 0;
      Bl = SHA512_IV2[3] | 0;
      Ch = SHA512_IV2[4] | 0;
      Cl = SHA512_IV2[5] | 0;
      Dh = SHA512_IV2[6] | 0;
      Dl = SHA512_IV2[7] | 0;
      Eh = SHA512_IV2[8] | 0;
      El = SHA512_IV2[9] | 0;
      Fh = SHA512_IV2[10] | 0;
      Fl = SHA512_IV2[11] | 0;
      Gh = SHA512_IV2[12] | 0;
      Gl = SHA512_IV2[13] | 0;
      Hh = SHA512_IV2[14] | 0;
      Hl = SHA512_IV2[15] | 0;
      constructor() {
        super(64);
      }
    };
    _SHA384 = class extends SHA2_64B {
      Ah = SHA384_IV2[0] | 0;
      Al = SHA384_IV2[1] | 0;
      Bh = SHA384_IV2[2] | 0;
      Bl = SHA384_IV2[3] | 0;
      Ch = SHA384_IV2[4] | 0;
      Cl = SHA384_IV2[5] | 0;
      Dh = SHA384_IV2[6] | 0;
      Dl = SHA384_IV2[7] | 0;
      Eh = SHA384_IV2[8] | 0;
      El = SHA384_IV2[9] | 0;
      Fh = SHA384_IV2[10] | 0;
      Fl = SHA384_IV2[11] | 0;
      Gh = SHA384_IV2[12] | 0;
      Gl = SHA384_IV2[13] | 0;
      Hh = SHA384_IV2[14] | 0;
      Hl = SHA384_IV2[15] | 0;
      constructor() {
        super(48);
      }
    };
    sha2562 = /* @__PURE__ */ createHasher2(
      () => new _SHA256(),
      /* @__PURE__ */ oidNist2(1)
    );
    sha5122 = /* @__PURE__ */ createHasher2(
      () => new _SHA512(),
      /* @__PURE__ */ oidNist2(3)
    );
    sha3842 = /* @__PURE__ */ createHasher2(
      () => new _SHA384(),
      /* @__PURE__ */ oidNist2(2)
    );
  }
});

// node_modules/@noble/curves/utils.js
function abool2(value, title = "") {
  if (typeof value !== "boolean") {
    const prefix = title && `"${title}" `;
    throw new Error(prefix + "expected boolean, got type=" + typeof value);
  }
  return value;
}
function abignumber(n) {
  if (typeof n === "bigint") {
    if (!isPosBig(n))
      throw new Error("positive bigint expected, got " + n);
  } else
    anumber3(n);
  return n;
}
function asafenumber(value, title = "") {
  if (!Number.isSafeInteger(value)) {
    const prefix = title && `"${title}" `;
    throw new Error(prefix + "expected safe integer, got type=" + typeof value);
  }
}
function numberToHexUnpadded(num2) {
  const hex = abignumber(num2).toString(16);
  return hex.length & 1 ? "0" + hex : hex;
}
function hexToNumber3(hex) {
  if (typeof hex !== "string")
    throw new Error("hex string expected, got " + typeof hex);
  return hex === "" ? _0n2 : BigInt("0x" + hex);
}
function bytesToNumberBE(bytes) {
  return hexToNumber3(bytesToHex2(bytes));
}
function bytesToNumberLE2(bytes) {
  return hexToNumber3(bytesToHex2(copyBytes3(abytes3(bytes)).reverse()));
}
function numberToBytesBE2(n, len) {
  anumber3(len);
  n = abignumber(n);
  const res = hexToBytes2(n.toString(16).padStart(len * 2, "0"));
  if (res.length !== len)
    throw new Error("number too large");
  return res;
}
function numberToBytesLE2(n, len) {
  return numberToBytesBE2(n, len).reverse();
}
function equalBytes2(a, b) {
  if (a.length !== b.length)
    return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++)
    diff |= a[i] ^ b[i];
  return diff === 0;
}
function copyBytes3(bytes) {
  return Uint8Array.from(bytes);
}
function asciiToBytes(ascii2) {
  return Uint8Array.from(ascii2, (c, i) => {
    const charCode = c.charCodeAt(0);
    if (c.length !== 1 || charCode > 127) {
      throw new Error(`string contains non-ASCII character "${ascii2[i]}" with code ${charCode} at position ${i}`);
    }
    return charCode;
  });
}
function inRange(n, min, max) {
  return isPosBig(n) && isPosBig(min) && isPosBig(max) && min <= n && n < max;
}
function aInRange2(title, n, min, max) {
  if (!inRange(n, min, max))
    throw new Error("expected valid " + title + ": " + min + " <= n < " + max + ", got " + n);
}
function bitLen(n) {
  let len;
  for (len = 0; n > _0n2; n >>= _1n2, len += 1)
    ;
  return len;
}
function createHmacDrbg(hashLen, qByteLen, hmacFn) {
  anumber3(hashLen, "hashLen");
  anumber3(qByteLen, "qByteLen");
  if (typeof hmacFn !== "function")
    throw new Error("hmacFn must be a function");
  const u8n = (len) => new Uint8Array(len);
  const NULL = Uint8Array.of();
  const byte0 = Uint8Array.of(0);
  const byte1 = Uint8Array.of(1);
  const _maxDrbgIters = 1e3;
  let v = u8n(hashLen);
  let k = u8n(hashLen);
  let i = 0;
  const reset = () => {
    v.fill(1);
    k.fill(0);
    i = 0;
  };
  const h = (...msgs) => hmacFn(k, concatBytes2(v, ...msgs));
  const reseed = (seed = NULL) => {
    k = h(byte0, seed);
    v = h();
    if (seed.length === 0)
      return;
    k = h(byte1, seed);
    v = h();
  };
  const gen = () => {
    if (i++ >= _maxDrbgIters)
      throw new Error("drbg: tried max amount of iterations");
    let len = 0;
    const out = [];
    while (len < qByteLen) {
      v = h();
      const sl = v.slice();
      out.push(sl);
      len += v.length;
    }
    return concatBytes2(...out);
  };
  const genUntil = (seed, pred) => {
    reset();
    reseed(seed);
    let res = void 0;
    while (!(res = pred(gen())))
      reseed();
    reset();
    return res;
  };
  return genUntil;
}
function validateObject2(object, fields = {}, optFields = {}) {
  if (!object || typeof object !== "object")
    throw new Error("expected valid options object");
  function checkField(fieldName, expectedType, isOpt) {
    const val = object[fieldName];
    if (isOpt && val === void 0)
      return;
    const current2 = typeof val;
    if (current2 !== expectedType || val === null)
      throw new Error(`param "${fieldName}" is invalid: expected ${expectedType}, got ${current2}`);
  }
  const iter = (f, isOpt) => Object.entries(f).forEach(([k, v]) => checkField(k, v, isOpt));
  iter(fields, false);
  iter(optFields, true);
}
function memoized(fn) {
  const map = /* @__PURE__ */ new WeakMap();
  return (arg, ...args) => {
    const val = map.get(arg);
    if (val !== void 0)
      return val;
    const computed = fn(arg, ...args);
    map.set(arg, computed);
    return computed;
  };
}
var _0n2, _1n2, isPosBig, bitMask, notImplemented;
var init_utils3 = __esm({
  "node_modules/@noble/curves/utils.js"() {
    init_utils2();
    init_utils2();
    _0n2 = /* @__PURE__ */ BigInt(0);
    _1n2 = /* @__PURE__ */ BigInt(1);
    isPosBig = (n) => typeof n === "bigint" && _0n2 <= n;
    bitMask = (n) => (_1n2 << BigInt(n)) - _1n2;
    notImplemented = () => {
      throw new Error("not implemented");
    };
  }
});

// node_modules/@noble/curves/abstract/modular.js
function mod3(a, b) {
  const result = a % b;
  return result >= _0n3 ? result : b + result;
}
function pow22(x, power, modulo) {
  let res = x;
  while (power-- > _0n3) {
    res *= res;
    res %= modulo;
  }
  return res;
}
function invert(number, modulo) {
  if (number === _0n3)
    throw new Error("invert: expected non-zero number");
  if (modulo <= _0n3)
    throw new Error("invert: expected positive modulus, got " + modulo);
  let a = mod3(number, modulo);
  let b = modulo;
  let x = _0n3, y = _1n3, u = _1n3, v = _0n3;
  while (a !== _0n3) {
    const q = b / a;
    const r = b % a;
    const m = x - u * q;
    const n = y - v * q;
    b = a, a = r, x = u, y = v, u = m, v = n;
  }
  const gcd = b;
  if (gcd !== _1n3)
    throw new Error("invert: does not exist");
  return mod3(x, modulo);
}
function assertIsSquare(Fp3, root2, n) {
  if (!Fp3.eql(Fp3.sqr(root2), n))
    throw new Error("Cannot find square root");
}
function sqrt3mod4(Fp3, n) {
  const p1div4 = (Fp3.ORDER + _1n3) / _4n;
  const root2 = Fp3.pow(n, p1div4);
  assertIsSquare(Fp3, root2, n);
  return root2;
}
function sqrt5mod8(Fp3, n) {
  const p5div8 = (Fp3.ORDER - _5n) / _8n;
  const n2 = Fp3.mul(n, _2n2);
  const v = Fp3.pow(n2, p5div8);
  const nv = Fp3.mul(n, v);
  const i = Fp3.mul(Fp3.mul(nv, _2n2), v);
  const root2 = Fp3.mul(nv, Fp3.sub(i, Fp3.ONE));
  assertIsSquare(Fp3, root2, n);
  return root2;
}
function sqrt9mod16(P) {
  const Fp_ = Field(P);
  const tn = tonelliShanks(P);
  const c1 = tn(Fp_, Fp_.neg(Fp_.ONE));
  const c2 = tn(Fp_, c1);
  const c3 = tn(Fp_, Fp_.neg(c1));
  const c4 = (P + _7n2) / _16n;
  return (Fp3, n) => {
    let tv1 = Fp3.pow(n, c4);
    let tv2 = Fp3.mul(tv1, c1);
    const tv3 = Fp3.mul(tv1, c2);
    const tv4 = Fp3.mul(tv1, c3);
    const e1 = Fp3.eql(Fp3.sqr(tv2), n);
    const e2 = Fp3.eql(Fp3.sqr(tv3), n);
    tv1 = Fp3.cmov(tv1, tv2, e1);
    tv2 = Fp3.cmov(tv4, tv3, e2);
    const e3 = Fp3.eql(Fp3.sqr(tv2), n);
    const root2 = Fp3.cmov(tv1, tv2, e3);
    assertIsSquare(Fp3, root2, n);
    return root2;
  };
}
function tonelliShanks(P) {
  if (P < _3n)
    throw new Error("sqrt is not defined for small field");
  let Q = P - _1n3;
  let S = 0;
  while (Q % _2n2 === _0n3) {
    Q /= _2n2;
    S++;
  }
  let Z = _2n2;
  const _Fp = Field(P);
  while (FpLegendre(_Fp, Z) === 1) {
    if (Z++ > 1e3)
      throw new Error("Cannot find square root: probably non-prime P");
  }
  if (S === 1)
    return sqrt3mod4;
  let cc = _Fp.pow(Z, Q);
  const Q1div2 = (Q + _1n3) / _2n2;
  return function tonelliSlow(Fp3, n) {
    if (Fp3.is0(n))
      return n;
    if (FpLegendre(Fp3, n) !== 1)
      throw new Error("Cannot find square root");
    let M = S;
    let c = Fp3.mul(Fp3.ONE, cc);
    let t = Fp3.pow(n, Q);
    let R = Fp3.pow(n, Q1div2);
    while (!Fp3.eql(t, Fp3.ONE)) {
      if (Fp3.is0(t))
        return Fp3.ZERO;
      let i = 1;
      let t_tmp = Fp3.sqr(t);
      while (!Fp3.eql(t_tmp, Fp3.ONE)) {
        i++;
        t_tmp = Fp3.sqr(t_tmp);
        if (i === M)
          throw new Error("Cannot find square root");
      }
      const exponent = _1n3 << BigInt(M - i - 1);
      const b = Fp3.pow(c, exponent);
      M = i;
      c = Fp3.sqr(b);
      t = Fp3.mul(t, c);
      R = Fp3.mul(R, b);
    }
    return R;
  };
}
function FpSqrt(P) {
  if (P % _4n === _3n)
    return sqrt3mod4;
  if (P % _8n === _5n)
    return sqrt5mod8;
  if (P % _16n === _9n)
    return sqrt9mod16(P);
  return tonelliShanks(P);
}
function validateField(field) {
  const initial = {
    ORDER: "bigint",
    BYTES: "number",
    BITS: "number"
  };
  const opts = FIELD_FIELDS.reduce((map, val) => {
    map[val] = "function";
    return map;
  }, initial);
  validateObject2(field, opts);
  return field;
}
function FpPow(Fp3, num2, power) {
  if (power < _0n3)
    throw new Error("invalid exponent, negatives unsupported");
  if (power === _0n3)
    return Fp3.ONE;
  if (power === _1n3)
    return num2;
  let p = Fp3.ONE;
  let d = num2;
  while (power > _0n3) {
    if (power & _1n3)
      p = Fp3.mul(p, d);
    d = Fp3.sqr(d);
    power >>= _1n3;
  }
  return p;
}
function FpInvertBatch(Fp3, nums, passZero = false) {
  const inverted = new Array(nums.length).fill(passZero ? Fp3.ZERO : void 0);
  const multipliedAcc = nums.reduce((acc, num2, i) => {
    if (Fp3.is0(num2))
      return acc;
    inverted[i] = acc;
    return Fp3.mul(acc, num2);
  }, Fp3.ONE);
  const invertedAcc = Fp3.inv(multipliedAcc);
  nums.reduceRight((acc, num2, i) => {
    if (Fp3.is0(num2))
      return acc;
    inverted[i] = Fp3.mul(acc, inverted[i]);
    return Fp3.mul(acc, num2);
  }, invertedAcc);
  return inverted;
}
function FpLegendre(Fp3, n) {
  const p1mod2 = (Fp3.ORDER - _1n3) / _2n2;
  const powered = Fp3.pow(n, p1mod2);
  const yes = Fp3.eql(powered, Fp3.ONE);
  const zero = Fp3.eql(powered, Fp3.ZERO);
  const no = Fp3.eql(powered, Fp3.neg(Fp3.ONE));
  if (!yes && !zero && !no)
    throw new Error("invalid Legendre symbol result");
  return yes ? 1 : zero ? 0 : -1;
}
function nLength(n, nBitLength) {
  if (nBitLength !== void 0)
    anumber3(nBitLength);
  const _nBitLength = nBitLength !== void 0 ? nBitLength : n.toString(2).length;
  const nByteLength = Math.ceil(_nBitLength / 8);
  return { nBitLength: _nBitLength, nByteLength };
}
function Field(ORDER, opts = {}) {
  return new _Field(ORDER, opts);
}
function FpSqrtEven(Fp3, elm) {
  if (!Fp3.isOdd)
    throw new Error("Field doesn't have isOdd");
  const root2 = Fp3.sqrt(elm);
  return Fp3.isOdd(root2) ? Fp3.neg(root2) : root2;
}
function getFieldBytesLength(fieldOrder) {
  if (typeof fieldOrder !== "bigint")
    throw new Error("field order must be bigint");
  const bitLength = fieldOrder.toString(2).length;
  return Math.ceil(bitLength / 8);
}
function getMinHashLength(fieldOrder) {
  const length = getFieldBytesLength(fieldOrder);
  return length + Math.ceil(length / 2);
}
function mapHashToField(key, fieldOrder, isLE4 = false) {
  abytes3(key);
  const len = key.length;
  const fieldLen = getFieldBytesLength(fieldOrder);
  const minLen = getMinHashLength(fieldOrder);
  if (len < 16 || len < minLen || len > 1024)
    throw new Error("expected " + minLen + "-1024 bytes of input, got " + len);
  const num2 = isLE4 ? bytesToNumberLE2(key) : bytesToNumberBE(key);
  const reduced = mod3(num2, fieldOrder - _1n3) + _1n3;
  return isLE4 ? numberToBytesLE2(reduced, fieldLen) : numberToBytesBE2(reduced, fieldLen);
}
var _0n3, _1n3, _2n2, _3n, _4n, _5n, _7n2, _8n, _9n, _16n, isNegativeLE, FIELD_FIELDS, _Field;
var init_modular = __esm({
  "node_modules/@noble/curves/abstract/modular.js"() {
    init_utils3();
    _0n3 = /* @__PURE__ */ BigInt(0);
    _1n3 = /* @__PURE__ */ BigInt(1);
    _2n2 = /* @__PURE__ */ BigInt(2);
    _3n = /* @__PURE__ */ BigInt(3);
    _4n = /* @__PURE__ */ BigInt(4);
    _5n = /* @__PURE__ */ BigInt(5);
    _7n2 = /* @__PURE__ */ BigInt(7);
    _8n = /* @__PURE__ */ BigInt(8);
    _9n = /* @__PURE__ */ BigInt(9);
    _16n = /* @__PURE__ */ BigInt(16);
    isNegativeLE = (num2, modulo) => (mod3(num2, modulo) & _1n3) === _1n3;
    FIELD_FIELDS = [
      "create",
      "isValid",
      "is0",
      "neg",
      "inv",
      "sqrt",
      "sqr",
      "eql",
      "add",
      "sub",
      "mul",
      "pow",
      "div",
      "addN",
      "subN",
      "mulN",
      "sqrN"
    ];
    _Field = class {
      ORDER;
      BITS;
      BYTES;
      isLE;
      ZERO = _0n3;
      ONE = _1n3;
      _lengths;
      _sqrt;
      // cached sqrt
      _mod;
      constructor(ORDER, opts = {}) {
        if (ORDER <= _0n3)
          throw new Error("invalid field: expected ORDER > 0, got " + ORDER);
        let _nbitLength = void 0;
        this.isLE = false;
        if (opts != null && typeof opts === "object") {
          if (typeof opts.BITS === "number")
            _nbitLength = opts.BITS;
          if (typeof opts.sqrt === "function")
            this.sqrt = opts.sqrt;
          if (typeof opts.isLE === "boolean")
            this.isLE = opts.isLE;
          if (opts.allowedLengths)
            this._lengths = opts.allowedLengths?.slice();
          if (typeof opts.modFromBytes === "boolean")
            this._mod = opts.modFromBytes;
        }
        const { nBitLength, nByteLength } = nLength(ORDER, _nbitLength);
        if (nByteLength > 2048)
          throw new Error("invalid field: expected ORDER of <= 2048 bytes");
        this.ORDER = ORDER;
        this.BITS = nBitLength;
        this.BYTES = nByteLength;
        this._sqrt = void 0;
        Object.preventExtensions(this);
      }
      create(num2) {
        return mod3(num2, this.ORDER);
      }
      isValid(num2) {
        if (typeof num2 !== "bigint")
          throw new Error("invalid field element: expected bigint, got " + typeof num2);
        return _0n3 <= num2 && num2 < this.ORDER;
      }
      is0(num2) {
        return num2 === _0n3;
      }
      // is valid and invertible
      isValidNot0(num2) {
        return !this.is0(num2) && this.isValid(num2);
      }
      isOdd(num2) {
        return (num2 & _1n3) === _1n3;
      }
      neg(num2) {
        return mod3(-num2, this.ORDER);
      }
      eql(lhs, rhs) {
        return lhs === rhs;
      }
      sqr(num2) {
        return mod3(num2 * num2, this.ORDER);
      }
      add(lhs, rhs) {
        return mod3(lhs + rhs, this.ORDER);
      }
      sub(lhs, rhs) {
        return mod3(lhs - rhs, this.ORDER);
      }
      mul(lhs, rhs) {
        return mod3(lhs * rhs, this.ORDER);
      }
      pow(num2, power) {
        return FpPow(this, num2, power);
      }
      div(lhs, rhs) {
        return mod3(lhs * invert(rhs, this.ORDER), this.ORDER);
      }
      // Same as above, but doesn't normalize
      sqrN(num2) {
        return num2 * num2;
      }
      addN(lhs, rhs) {
        return lhs + rhs;
      }
      subN(lhs, rhs) {
        return lhs - rhs;
      }
      mulN(lhs, rhs) {
        return lhs * rhs;
      }
      inv(num2) {
        return invert(num2, this.ORDER);
      }
      sqrt(num2) {
        if (!this._sqrt)
          this._sqrt = FpSqrt(this.ORDER);
        return this._sqrt(this, num2);
      }
      toBytes(num2) {
        return this.isLE ? numberToBytesLE2(num2, this.BYTES) : numberToBytesBE2(num2, this.BYTES);
      }
      fromBytes(bytes, skipValidation = false) {
        abytes3(bytes);
        const { _lengths: allowedLengths, BYTES, isLE: isLE4, ORDER, _mod: modFromBytes } = this;
        if (allowedLengths) {
          if (!allowedLengths.includes(bytes.length) || bytes.length > BYTES) {
            throw new Error("Field.fromBytes: expected " + allowedLengths + " bytes, got " + bytes.length);
          }
          const padded = new Uint8Array(BYTES);
          padded.set(bytes, isLE4 ? 0 : padded.length - bytes.length);
          bytes = padded;
        }
        if (bytes.length !== BYTES)
          throw new Error("Field.fromBytes: expected " + BYTES + " bytes, got " + bytes.length);
        let scalar = isLE4 ? bytesToNumberLE2(bytes) : bytesToNumberBE(bytes);
        if (modFromBytes)
          scalar = mod3(scalar, ORDER);
        if (!skipValidation) {
          if (!this.isValid(scalar))
            throw new Error("invalid field element: outside of range 0..ORDER");
        }
        return scalar;
      }
      // TODO: we don't need it here, move out to separate fn
      invertBatch(lst) {
        return FpInvertBatch(this, lst);
      }
      // We can't move this out because Fp6, Fp12 implement it
      // and it's unclear what to return in there.
      cmov(a, b, condition) {
        return condition ? b : a;
      }
    };
  }
});

// node_modules/@noble/curves/abstract/curve.js
function negateCt(condition, item) {
  const neg = item.negate();
  return condition ? neg : item;
}
function normalizeZ(c, points) {
  const invertedZs = FpInvertBatch(c.Fp, points.map((p) => p.Z));
  return points.map((p, i) => c.fromAffine(p.toAffine(invertedZs[i])));
}
function validateW(W, bits) {
  if (!Number.isSafeInteger(W) || W <= 0 || W > bits)
    throw new Error("invalid window size, expected [1.." + bits + "], got W=" + W);
}
function calcWOpts(W, scalarBits) {
  validateW(W, scalarBits);
  const windows = Math.ceil(scalarBits / W) + 1;
  const windowSize = 2 ** (W - 1);
  const maxNumber = 2 ** W;
  const mask = bitMask(W);
  const shiftBy = BigInt(W);
  return { windows, windowSize, mask, maxNumber, shiftBy };
}
function calcOffsets(n, window2, wOpts) {
  const { windowSize, mask, maxNumber, shiftBy } = wOpts;
  let wbits = Number(n & mask);
  let nextN = n >> shiftBy;
  if (wbits > windowSize) {
    wbits -= maxNumber;
    nextN += _1n4;
  }
  const offsetStart = window2 * windowSize;
  const offset = offsetStart + Math.abs(wbits) - 1;
  const isZero = wbits === 0;
  const isNeg = wbits < 0;
  const isNegF = window2 % 2 !== 0;
  const offsetF = offsetStart;
  return { nextN, offset, isZero, isNeg, isNegF, offsetF };
}
function validateMSMPoints(points, c) {
  if (!Array.isArray(points))
    throw new Error("array expected");
  points.forEach((p, i) => {
    if (!(p instanceof c))
      throw new Error("invalid point at index " + i);
  });
}
function validateMSMScalars(scalars, field) {
  if (!Array.isArray(scalars))
    throw new Error("array of scalars expected");
  scalars.forEach((s, i) => {
    if (!field.isValid(s))
      throw new Error("invalid scalar at index " + i);
  });
}
function getW(P) {
  return pointWindowSizes.get(P) || 1;
}
function assert0(n) {
  if (n !== _0n4)
    throw new Error("invalid wNAF");
}
function mulEndoUnsafe(Point, point, k1, k2) {
  let acc = point;
  let p1 = Point.ZERO;
  let p2 = Point.ZERO;
  while (k1 > _0n4 || k2 > _0n4) {
    if (k1 & _1n4)
      p1 = p1.add(acc);
    if (k2 & _1n4)
      p2 = p2.add(acc);
    acc = acc.double();
    k1 >>= _1n4;
    k2 >>= _1n4;
  }
  return { p1, p2 };
}
function pippenger(c, points, scalars) {
  const fieldN = c.Fn;
  validateMSMPoints(points, c);
  validateMSMScalars(scalars, fieldN);
  const plength = points.length;
  const slength = scalars.length;
  if (plength !== slength)
    throw new Error("arrays of points and scalars must have equal length");
  const zero = c.ZERO;
  const wbits = bitLen(BigInt(plength));
  let windowSize = 1;
  if (wbits > 12)
    windowSize = wbits - 3;
  else if (wbits > 4)
    windowSize = wbits - 2;
  else if (wbits > 0)
    windowSize = 2;
  const MASK = bitMask(windowSize);
  const buckets = new Array(Number(MASK) + 1).fill(zero);
  const lastBits = Math.floor((fieldN.BITS - 1) / windowSize) * windowSize;
  let sum = zero;
  for (let i = lastBits; i >= 0; i -= windowSize) {
    buckets.fill(zero);
    for (let j = 0; j < slength; j++) {
      const scalar = scalars[j];
      const wbits2 = Number(scalar >> BigInt(i) & MASK);
      buckets[wbits2] = buckets[wbits2].add(points[j]);
    }
    let resI = zero;
    for (let j = buckets.length - 1, sumI = zero; j > 0; j--) {
      sumI = sumI.add(buckets[j]);
      resI = resI.add(sumI);
    }
    sum = sum.add(resI);
    if (i !== 0)
      for (let j = 0; j < windowSize; j++)
        sum = sum.double();
  }
  return sum;
}
function createField(order, field, isLE4) {
  if (field) {
    if (field.ORDER !== order)
      throw new Error("Field.ORDER must match order: Fp == p, Fn == n");
    validateField(field);
    return field;
  } else {
    return Field(order, { isLE: isLE4 });
  }
}
function createCurveFields(type, CURVE, curveOpts = {}, FpFnLE) {
  if (FpFnLE === void 0)
    FpFnLE = type === "edwards";
  if (!CURVE || typeof CURVE !== "object")
    throw new Error(`expected valid ${type} CURVE object`);
  for (const p of ["p", "n", "h"]) {
    const val = CURVE[p];
    if (!(typeof val === "bigint" && val > _0n4))
      throw new Error(`CURVE.${p} must be positive bigint`);
  }
  const Fp3 = createField(CURVE.p, curveOpts.Fp, FpFnLE);
  const Fn3 = createField(CURVE.n, curveOpts.Fn, FpFnLE);
  const _b = type === "weierstrass" ? "b" : "d";
  const params = ["Gx", "Gy", "a", _b];
  for (const p of params) {
    if (!Fp3.isValid(CURVE[p]))
      throw new Error(`CURVE.${p} must be valid field element of CURVE.Fp`);
  }
  CURVE = Object.freeze(Object.assign({}, CURVE));
  return { CURVE, Fp: Fp3, Fn: Fn3 };
}
function createKeygen2(randomSecretKey, getPublicKey) {
  return function keygen(seed) {
    const secretKey = randomSecretKey(seed);
    return { secretKey, publicKey: getPublicKey(secretKey) };
  };
}
var _0n4, _1n4, pointPrecomputes, pointWindowSizes, wNAF;
var init_curve = __esm({
  "node_modules/@noble/curves/abstract/curve.js"() {
    init_utils3();
    init_modular();
    _0n4 = /* @__PURE__ */ BigInt(0);
    _1n4 = /* @__PURE__ */ BigInt(1);
    pointPrecomputes = /* @__PURE__ */ new WeakMap();
    pointWindowSizes = /* @__PURE__ */ new WeakMap();
    wNAF = class {
      BASE;
      ZERO;
      Fn;
      bits;
      // Parametrized with a given Point class (not individual point)
      constructor(Point, bits) {
        this.BASE = Point.BASE;
        this.ZERO = Point.ZERO;
        this.Fn = Point.Fn;
        this.bits = bits;
      }
      // non-const time multiplication ladder
      _unsafeLadder(elm, n, p = this.ZERO) {
        let d = elm;
        while (n > _0n4) {
          if (n & _1n4)
            p = p.add(d);
          d = d.double();
          n >>= _1n4;
        }
        return p;
      }
      /**
       * Creates a wNAF precomputation window. Used for caching.
       * Default window size is set by `utils.precompute()` and is equal to 8.
       * Number of precomputed points depends on the curve size:
       * 2^(𝑊−1) * (Math.ceil(𝑛 / 𝑊) + 1), where:
       * - 𝑊 is the window size
       * - 𝑛 is the bitlength of the curve order.
       * For a 256-bit curve and window size 8, the number of precomputed points is 128 * 33 = 4224.
       * @param point Point instance
       * @param W window size
       * @returns precomputed point tables flattened to a single array
       */
      precomputeWindow(point, W) {
        const { windows, windowSize } = calcWOpts(W, this.bits);
        const points = [];
        let p = point;
        let base = p;
        for (let window2 = 0; window2 < windows; window2++) {
          base = p;
          points.push(base);
          for (let i = 1; i < windowSize; i++) {
            base = base.add(p);
            points.push(base);
          }
          p = base.double();
        }
        return points;
      }
      /**
       * Implements ec multiplication using precomputed tables and w-ary non-adjacent form.
       * More compact implementation:
       * https://github.com/paulmillr/noble-secp256k1/blob/47cb1669b6e506ad66b35fe7d76132ae97465da2/index.ts#L502-L541
       * @returns real and fake (for const-time) points
       */
      wNAF(W, precomputes, n) {
        if (!this.Fn.isValid(n))
          throw new Error("invalid scalar");
        let p = this.ZERO;
        let f = this.BASE;
        const wo = calcWOpts(W, this.bits);
        for (let window2 = 0; window2 < wo.windows; window2++) {
          const { nextN, offset, isZero, isNeg, isNegF, offsetF } = calcOffsets(n, window2, wo);
          n = nextN;
          if (isZero) {
            f = f.add(negateCt(isNegF, precomputes[offsetF]));
          } else {
            p = p.add(negateCt(isNeg, precomputes[offset]));
          }
        }
        assert0(n);
        return { p, f };
      }
      /**
       * Implements ec unsafe (non const-time) multiplication using precomputed tables and w-ary non-adjacent form.
       * @param acc accumulator point to add result of multiplication
       * @returns point
       */
      wNAFUnsafe(W, precomputes, n, acc = this.ZERO) {
        const wo = calcWOpts(W, this.bits);
        for (let window2 = 0; window2 < wo.windows; window2++) {
          if (n === _0n4)
            break;
          const { nextN, offset, isZero, isNeg } = calcOffsets(n, window2, wo);
          n = nextN;
          if (isZero) {
            continue;
          } else {
            const item = precomputes[offset];
            acc = acc.add(isNeg ? item.negate() : item);
          }
        }
        assert0(n);
        return acc;
      }
      getPrecomputes(W, point, transform) {
        let comp = pointPrecomputes.get(point);
        if (!comp) {
          comp = this.precomputeWindow(point, W);
          if (W !== 1) {
            if (typeof transform === "function")
              comp = transform(comp);
            pointPrecomputes.set(point, comp);
          }
        }
        return comp;
      }
      cached(point, scalar, transform) {
        const W = getW(point);
        return this.wNAF(W, this.getPrecomputes(W, point, transform), scalar);
      }
      unsafe(point, scalar, transform, prev) {
        const W = getW(point);
        if (W === 1)
          return this._unsafeLadder(point, scalar, prev);
        return this.wNAFUnsafe(W, this.getPrecomputes(W, point, transform), scalar, prev);
      }
      // We calculate precomputes for elliptic curve point multiplication
      // using windowed method. This specifies window size and
      // stores precomputed values. Usually only base point would be precomputed.
      createCache(P, W) {
        validateW(W, this.bits);
        pointWindowSizes.set(P, W);
        pointPrecomputes.delete(P);
      }
      hasCache(elm) {
        return getW(elm) !== 1;
      }
    };
  }
});

// node_modules/@noble/curves/abstract/edwards.js
function isEdValidXY(Fp3, CURVE, x, y) {
  const x2 = Fp3.sqr(x);
  const y2 = Fp3.sqr(y);
  const left2 = Fp3.add(Fp3.mul(CURVE.a, x2), y2);
  const right2 = Fp3.add(Fp3.ONE, Fp3.mul(CURVE.d, Fp3.mul(x2, y2)));
  return Fp3.eql(left2, right2);
}
function edwards(params, extraOpts = {}) {
  const validated = createCurveFields("edwards", params, extraOpts, extraOpts.FpFnLE);
  const { Fp: Fp3, Fn: Fn3 } = validated;
  let CURVE = validated.CURVE;
  const { h: cofactor } = CURVE;
  validateObject2(extraOpts, {}, { uvRatio: "function" });
  const MASK = _2n3 << BigInt(Fn3.BYTES * 8) - _1n5;
  const modP = (n) => Fp3.create(n);
  const uvRatio3 = extraOpts.uvRatio || ((u, v) => {
    try {
      return { isValid: true, value: Fp3.sqrt(Fp3.div(u, v)) };
    } catch (e) {
      return { isValid: false, value: _0n5 };
    }
  });
  if (!isEdValidXY(Fp3, CURVE, CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  function acoord(title, n, banZero = false) {
    const min = banZero ? _1n5 : _0n5;
    aInRange2("coordinate " + title, n, min, MASK);
    return n;
  }
  function aedpoint(other) {
    if (!(other instanceof Point))
      throw new Error("EdwardsPoint expected");
  }
  const toAffineMemo = memoized((p, iz) => {
    const { X, Y, Z } = p;
    const is0 = p.is0();
    if (iz == null)
      iz = is0 ? _8n2 : Fp3.inv(Z);
    const x = modP(X * iz);
    const y = modP(Y * iz);
    const zz = Fp3.mul(Z, iz);
    if (is0)
      return { x: _0n5, y: _1n5 };
    if (zz !== _1n5)
      throw new Error("invZ was invalid");
    return { x, y };
  });
  const assertValidMemo = memoized((p) => {
    const { a, d } = CURVE;
    if (p.is0())
      throw new Error("bad point: ZERO");
    const { X, Y, Z, T } = p;
    const X2 = modP(X * X);
    const Y2 = modP(Y * Y);
    const Z2 = modP(Z * Z);
    const Z4 = modP(Z2 * Z2);
    const aX2 = modP(X2 * a);
    const left2 = modP(Z2 * modP(aX2 + Y2));
    const right2 = modP(Z4 + modP(d * modP(X2 * Y2)));
    if (left2 !== right2)
      throw new Error("bad point: equation left != right (1)");
    const XY = modP(X * Y);
    const ZT = modP(Z * T);
    if (XY !== ZT)
      throw new Error("bad point: equation left != right (2)");
    return true;
  });
  class Point {
    // base / generator point
    static BASE = new Point(CURVE.Gx, CURVE.Gy, _1n5, modP(CURVE.Gx * CURVE.Gy));
    // zero / infinity / identity point
    static ZERO = new Point(_0n5, _1n5, _1n5, _0n5);
    // 0, 1, 1, 0
    // math field
    static Fp = Fp3;
    // scalar field
    static Fn = Fn3;
    X;
    Y;
    Z;
    T;
    constructor(X, Y, Z, T) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y);
      this.Z = acoord("z", Z, true);
      this.T = acoord("t", T);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    static fromAffine(p) {
      if (p instanceof Point)
        throw new Error("extended point not allowed");
      const { x, y } = p || {};
      acoord("x", x);
      acoord("y", y);
      return new Point(x, y, _1n5, modP(x * y));
    }
    // Uses algo from RFC8032 5.1.3.
    static fromBytes(bytes, zip215 = false) {
      const len = Fp3.BYTES;
      const { a, d } = CURVE;
      bytes = copyBytes3(abytes3(bytes, len, "point"));
      abool2(zip215, "zip215");
      const normed = copyBytes3(bytes);
      const lastByte = bytes[len - 1];
      normed[len - 1] = lastByte & ~128;
      const y = bytesToNumberLE2(normed);
      const max = zip215 ? MASK : Fp3.ORDER;
      aInRange2("point.y", y, _0n5, max);
      const y2 = modP(y * y);
      const u = modP(y2 - _1n5);
      const v = modP(d * y2 - a);
      let { isValid, value: x } = uvRatio3(u, v);
      if (!isValid)
        throw new Error("bad point: invalid y coordinate");
      const isXOdd = (x & _1n5) === _1n5;
      const isLastByteOdd = (lastByte & 128) !== 0;
      if (!zip215 && x === _0n5 && isLastByteOdd)
        throw new Error("bad point: x=0 and x_0=1");
      if (isLastByteOdd !== isXOdd)
        x = modP(-x);
      return Point.fromAffine({ x, y });
    }
    static fromHex(hex, zip215 = false) {
      return Point.fromBytes(hexToBytes2(hex), zip215);
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    precompute(windowSize = 8, isLazy = true) {
      wnaf.createCache(this, windowSize);
      if (!isLazy)
        this.multiply(_2n3);
      return this;
    }
    // Useful in fromAffine() - not for fromBytes(), which always created valid points.
    assertValidity() {
      assertValidMemo(this);
    }
    // Compare one point to another.
    equals(other) {
      aedpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const X1Z2 = modP(X1 * Z2);
      const X2Z1 = modP(X2 * Z1);
      const Y1Z2 = modP(Y1 * Z2);
      const Y2Z1 = modP(Y2 * Z1);
      return X1Z2 === X2Z1 && Y1Z2 === Y2Z1;
    }
    is0() {
      return this.equals(Point.ZERO);
    }
    negate() {
      return new Point(modP(-this.X), this.Y, this.Z, modP(-this.T));
    }
    // Fast algo for doubling Extended Point.
    // https://hyperelliptic.org/EFD/g1p/auto-twisted-extended.html#doubling-dbl-2008-hwcd
    // Cost: 4M + 4S + 1*a + 6add + 1*2.
    double() {
      const { a } = CURVE;
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const A = modP(X1 * X1);
      const B = modP(Y1 * Y1);
      const C = modP(_2n3 * modP(Z1 * Z1));
      const D = modP(a * A);
      const x1y1 = X1 + Y1;
      const E = modP(modP(x1y1 * x1y1) - A - B);
      const G = D + B;
      const F = G - C;
      const H = D - B;
      const X3 = modP(E * F);
      const Y3 = modP(G * H);
      const T3 = modP(E * H);
      const Z3 = modP(F * G);
      return new Point(X3, Y3, Z3, T3);
    }
    // Fast algo for adding 2 Extended Points.
    // https://hyperelliptic.org/EFD/g1p/auto-twisted-extended.html#addition-add-2008-hwcd
    // Cost: 9M + 1*a + 1*d + 7add.
    add(other) {
      aedpoint(other);
      const { a, d } = CURVE;
      const { X: X1, Y: Y1, Z: Z1, T: T1 } = this;
      const { X: X2, Y: Y2, Z: Z2, T: T2 } = other;
      const A = modP(X1 * X2);
      const B = modP(Y1 * Y2);
      const C = modP(T1 * d * T2);
      const D = modP(Z1 * Z2);
      const E = modP((X1 + Y1) * (X2 + Y2) - A - B);
      const F = D - C;
      const G = D + C;
      const H = modP(B - a * A);
      const X3 = modP(E * F);
      const Y3 = modP(G * H);
      const T3 = modP(E * H);
      const Z3 = modP(F * G);
      return new Point(X3, Y3, Z3, T3);
    }
    subtract(other) {
      return this.add(other.negate());
    }
    // Constant-time multiplication.
    multiply(scalar) {
      if (!Fn3.isValidNot0(scalar))
        throw new Error("invalid scalar: expected 1 <= sc < curve.n");
      const { p, f } = wnaf.cached(this, scalar, (p2) => normalizeZ(Point, p2));
      return normalizeZ(Point, [p, f])[0];
    }
    // Non-constant-time multiplication. Uses double-and-add algorithm.
    // It's faster, but should only be used when you don't care about
    // an exposed private key e.g. sig verification.
    // Does NOT allow scalars higher than CURVE.n.
    // Accepts optional accumulator to merge with multiply (important for sparse scalars)
    multiplyUnsafe(scalar, acc = Point.ZERO) {
      if (!Fn3.isValid(scalar))
        throw new Error("invalid scalar: expected 0 <= sc < curve.n");
      if (scalar === _0n5)
        return Point.ZERO;
      if (this.is0() || scalar === _1n5)
        return this;
      return wnaf.unsafe(this, scalar, (p) => normalizeZ(Point, p), acc);
    }
    // Checks if point is of small order.
    // If you add something to small order point, you will have "dirty"
    // point with torsion component.
    // Multiplies point by cofactor and checks if the result is 0.
    isSmallOrder() {
      return this.multiplyUnsafe(cofactor).is0();
    }
    // Multiplies point by curve order and checks if the result is 0.
    // Returns `false` is the point is dirty.
    isTorsionFree() {
      return wnaf.unsafe(this, CURVE.n).is0();
    }
    // Converts Extended point to default (x, y) coordinates.
    // Can accept precomputed Z^-1 - for example, from invertBatch.
    toAffine(invertedZ) {
      return toAffineMemo(this, invertedZ);
    }
    clearCofactor() {
      if (cofactor === _1n5)
        return this;
      return this.multiplyUnsafe(cofactor);
    }
    toBytes() {
      const { x, y } = this.toAffine();
      const bytes = Fp3.toBytes(y);
      bytes[bytes.length - 1] |= x & _1n5 ? 128 : 0;
      return bytes;
    }
    toHex() {
      return bytesToHex2(this.toBytes());
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
  }
  const wnaf = new wNAF(Point, Fn3.BITS);
  Point.BASE.precompute(8);
  return Point;
}
function eddsa(Point, cHash, eddsaOpts = {}) {
  if (typeof cHash !== "function")
    throw new Error('"hash" function param is required');
  validateObject2(eddsaOpts, {}, {
    adjustScalarBytes: "function",
    randomBytes: "function",
    domain: "function",
    prehash: "function",
    mapToCurve: "function"
  });
  const { prehash } = eddsaOpts;
  const { BASE, Fp: Fp3, Fn: Fn3 } = Point;
  const randomBytes3 = eddsaOpts.randomBytes || randomBytes2;
  const adjustScalarBytes3 = eddsaOpts.adjustScalarBytes || ((bytes) => bytes);
  const domain = eddsaOpts.domain || ((data, ctx, phflag) => {
    abool2(phflag, "phflag");
    if (ctx.length || phflag)
      throw new Error("Contexts/pre-hash are not supported");
    return data;
  });
  function modN_LE(hash) {
    return Fn3.create(bytesToNumberLE2(hash));
  }
  function getPrivateScalar(key) {
    const len = lengths.secretKey;
    abytes3(key, lengths.secretKey, "secretKey");
    const hashed = abytes3(cHash(key), 2 * len, "hashedSecretKey");
    const head = adjustScalarBytes3(hashed.slice(0, len));
    const prefix = hashed.slice(len, 2 * len);
    const scalar = modN_LE(head);
    return { head, prefix, scalar };
  }
  function getExtendedPublicKey(secretKey) {
    const { head, prefix, scalar } = getPrivateScalar(secretKey);
    const point = BASE.multiply(scalar);
    const pointBytes = point.toBytes();
    return { head, prefix, scalar, point, pointBytes };
  }
  function getPublicKey(secretKey) {
    return getExtendedPublicKey(secretKey).pointBytes;
  }
  function hashDomainToScalar(context = Uint8Array.of(), ...msgs) {
    const msg = concatBytes2(...msgs);
    return modN_LE(cHash(domain(msg, abytes3(context, void 0, "context"), !!prehash)));
  }
  function sign(msg, secretKey, options = {}) {
    msg = abytes3(msg, void 0, "message");
    if (prehash)
      msg = prehash(msg);
    const { prefix, scalar, pointBytes } = getExtendedPublicKey(secretKey);
    const r = hashDomainToScalar(options.context, prefix, msg);
    const R = BASE.multiply(r).toBytes();
    const k = hashDomainToScalar(options.context, R, pointBytes, msg);
    const s = Fn3.create(r + k * scalar);
    if (!Fn3.isValid(s))
      throw new Error("sign failed: invalid s");
    const rs = concatBytes2(R, Fn3.toBytes(s));
    return abytes3(rs, lengths.signature, "result");
  }
  const verifyOpts = { zip215: true };
  function verify(sig, msg, publicKey, options = verifyOpts) {
    const { context, zip215 } = options;
    const len = lengths.signature;
    sig = abytes3(sig, len, "signature");
    msg = abytes3(msg, void 0, "message");
    publicKey = abytes3(publicKey, lengths.publicKey, "publicKey");
    if (zip215 !== void 0)
      abool2(zip215, "zip215");
    if (prehash)
      msg = prehash(msg);
    const mid = len / 2;
    const r = sig.subarray(0, mid);
    const s = bytesToNumberLE2(sig.subarray(mid, len));
    let A, R, SB;
    try {
      A = Point.fromBytes(publicKey, zip215);
      R = Point.fromBytes(r, zip215);
      SB = BASE.multiplyUnsafe(s);
    } catch (error) {
      return false;
    }
    if (!zip215 && A.isSmallOrder())
      return false;
    const k = hashDomainToScalar(context, R.toBytes(), A.toBytes(), msg);
    const RkA = R.add(A.multiplyUnsafe(k));
    return RkA.subtract(SB).clearCofactor().is0();
  }
  const _size = Fp3.BYTES;
  const lengths = {
    secretKey: _size,
    publicKey: _size,
    signature: 2 * _size,
    seed: _size
  };
  function randomSecretKey(seed = randomBytes3(lengths.seed)) {
    return abytes3(seed, lengths.seed, "seed");
  }
  function isValidSecretKey(key) {
    return isBytes3(key) && key.length === Fn3.BYTES;
  }
  function isValidPublicKey(key, zip215) {
    try {
      return !!Point.fromBytes(key, zip215);
    } catch (error) {
      return false;
    }
  }
  const utils = {
    getExtendedPublicKey,
    randomSecretKey,
    isValidSecretKey,
    isValidPublicKey,
    /**
     * Converts ed public key to x public key. Uses formula:
     * - ed25519:
     *   - `(u, v) = ((1+y)/(1-y), sqrt(-486664)*u/x)`
     *   - `(x, y) = (sqrt(-486664)*u/v, (u-1)/(u+1))`
     * - ed448:
     *   - `(u, v) = ((y-1)/(y+1), sqrt(156324)*u/x)`
     *   - `(x, y) = (sqrt(156324)*u/v, (1+u)/(1-u))`
     */
    toMontgomery(publicKey) {
      const { y } = Point.fromBytes(publicKey);
      const size = lengths.publicKey;
      const is25519 = size === 32;
      if (!is25519 && size !== 57)
        throw new Error("only defined for 25519 and 448");
      const u = is25519 ? Fp3.div(_1n5 + y, _1n5 - y) : Fp3.div(y - _1n5, y + _1n5);
      return Fp3.toBytes(u);
    },
    toMontgomerySecret(secretKey) {
      const size = lengths.secretKey;
      abytes3(secretKey, size);
      const hashed = cHash(secretKey.subarray(0, size));
      return adjustScalarBytes3(hashed).subarray(0, size);
    }
  };
  return Object.freeze({
    keygen: createKeygen2(randomSecretKey, getPublicKey),
    getPublicKey,
    sign,
    verify,
    utils,
    Point,
    lengths
  });
}
var _0n5, _1n5, _2n3, _8n2, PrimeEdwardsPoint;
var init_edwards = __esm({
  "node_modules/@noble/curves/abstract/edwards.js"() {
    init_utils3();
    init_curve();
    _0n5 = BigInt(0);
    _1n5 = BigInt(1);
    _2n3 = BigInt(2);
    _8n2 = BigInt(8);
    PrimeEdwardsPoint = class {
      static BASE;
      static ZERO;
      static Fp;
      static Fn;
      ep;
      constructor(ep) {
        this.ep = ep;
      }
      // Static methods that must be implemented by subclasses
      static fromBytes(_bytes) {
        notImplemented();
      }
      static fromHex(_hex) {
        notImplemented();
      }
      get x() {
        return this.toAffine().x;
      }
      get y() {
        return this.toAffine().y;
      }
      // Common implementations
      clearCofactor() {
        return this;
      }
      assertValidity() {
        this.ep.assertValidity();
      }
      toAffine(invertedZ) {
        return this.ep.toAffine(invertedZ);
      }
      toHex() {
        return bytesToHex2(this.toBytes());
      }
      toString() {
        return this.toHex();
      }
      isTorsionFree() {
        return true;
      }
      isSmallOrder() {
        return false;
      }
      add(other) {
        this.assertSame(other);
        return this.init(this.ep.add(other.ep));
      }
      subtract(other) {
        this.assertSame(other);
        return this.init(this.ep.subtract(other.ep));
      }
      multiply(scalar) {
        return this.init(this.ep.multiply(scalar));
      }
      multiplyUnsafe(scalar) {
        return this.init(this.ep.multiplyUnsafe(scalar));
      }
      double() {
        return this.init(this.ep.double());
      }
      negate() {
        return this.init(this.ep.negate());
      }
      precompute(windowSize, isLazy) {
        return this.init(this.ep.precompute(windowSize, isLazy));
      }
    };
  }
});

// node_modules/@noble/curves/abstract/hash-to-curve.js
function i2osp(value, length) {
  asafenumber(value);
  asafenumber(length);
  if (value < 0 || value >= 1 << 8 * length)
    throw new Error("invalid I2OSP input: " + value);
  const res = Array.from({ length }).fill(0);
  for (let i = length - 1; i >= 0; i--) {
    res[i] = value & 255;
    value >>>= 8;
  }
  return new Uint8Array(res);
}
function strxor(a, b) {
  const arr = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    arr[i] = a[i] ^ b[i];
  }
  return arr;
}
function normDST(DST) {
  if (!isBytes3(DST) && typeof DST !== "string")
    throw new Error("DST must be Uint8Array or ascii string");
  return typeof DST === "string" ? asciiToBytes(DST) : DST;
}
function expand_message_xmd(msg, DST, lenInBytes, H) {
  abytes3(msg);
  asafenumber(lenInBytes);
  DST = normDST(DST);
  if (DST.length > 255)
    DST = H(concatBytes2(asciiToBytes("H2C-OVERSIZE-DST-"), DST));
  const { outputLen: b_in_bytes, blockLen: r_in_bytes } = H;
  const ell = Math.ceil(lenInBytes / b_in_bytes);
  if (lenInBytes > 65535 || ell > 255)
    throw new Error("expand_message_xmd: invalid lenInBytes");
  const DST_prime = concatBytes2(DST, i2osp(DST.length, 1));
  const Z_pad = i2osp(0, r_in_bytes);
  const l_i_b_str = i2osp(lenInBytes, 2);
  const b = new Array(ell);
  const b_0 = H(concatBytes2(Z_pad, msg, l_i_b_str, i2osp(0, 1), DST_prime));
  b[0] = H(concatBytes2(b_0, i2osp(1, 1), DST_prime));
  for (let i = 1; i <= ell; i++) {
    const args = [strxor(b_0, b[i - 1]), i2osp(i + 1, 1), DST_prime];
    b[i] = H(concatBytes2(...args));
  }
  const pseudo_random_bytes = concatBytes2(...b);
  return pseudo_random_bytes.slice(0, lenInBytes);
}
function expand_message_xof(msg, DST, lenInBytes, k, H) {
  abytes3(msg);
  asafenumber(lenInBytes);
  DST = normDST(DST);
  if (DST.length > 255) {
    const dkLen = Math.ceil(2 * k / 8);
    DST = H.create({ dkLen }).update(asciiToBytes("H2C-OVERSIZE-DST-")).update(DST).digest();
  }
  if (lenInBytes > 65535 || DST.length > 255)
    throw new Error("expand_message_xof: invalid lenInBytes");
  return H.create({ dkLen: lenInBytes }).update(msg).update(i2osp(lenInBytes, 2)).update(DST).update(i2osp(DST.length, 1)).digest();
}
function hash_to_field(msg, count, options) {
  validateObject2(options, {
    p: "bigint",
    m: "number",
    k: "number",
    hash: "function"
  });
  const { p, k, m, hash, expand, DST } = options;
  asafenumber(hash.outputLen, "valid hash");
  abytes3(msg);
  asafenumber(count);
  const log2p = p.toString(2).length;
  const L = Math.ceil((log2p + k) / 8);
  const len_in_bytes = count * m * L;
  let prb;
  if (expand === "xmd") {
    prb = expand_message_xmd(msg, DST, len_in_bytes, hash);
  } else if (expand === "xof") {
    prb = expand_message_xof(msg, DST, len_in_bytes, k, hash);
  } else if (expand === "_internal_pass") {
    prb = msg;
  } else {
    throw new Error('expand must be "xmd" or "xof"');
  }
  const u = new Array(count);
  for (let i = 0; i < count; i++) {
    const e = new Array(m);
    for (let j = 0; j < m; j++) {
      const elm_offset = L * (j + i * m);
      const tv = prb.subarray(elm_offset, elm_offset + L);
      e[j] = mod3(os2ip(tv), p);
    }
    u[i] = e;
  }
  return u;
}
function createHasher3(Point, mapToCurve, defaults) {
  if (typeof mapToCurve !== "function")
    throw new Error("mapToCurve() must be defined");
  function map(num2) {
    return Point.fromAffine(mapToCurve(num2));
  }
  function clear(initial) {
    const P = initial.clearCofactor();
    if (P.equals(Point.ZERO))
      return Point.ZERO;
    P.assertValidity();
    return P;
  }
  return {
    defaults: Object.freeze(defaults),
    Point,
    hashToCurve(msg, options) {
      const opts = Object.assign({}, defaults, options);
      const u = hash_to_field(msg, 2, opts);
      const u0 = map(u[0]);
      const u1 = map(u[1]);
      return clear(u0.add(u1));
    },
    encodeToCurve(msg, options) {
      const optsDst = defaults.encodeDST ? { DST: defaults.encodeDST } : {};
      const opts = Object.assign({}, defaults, optsDst, options);
      const u = hash_to_field(msg, 1, opts);
      const u0 = map(u[0]);
      return clear(u0);
    },
    /** See {@link H2CHasher} */
    mapToCurve(scalars) {
      if (defaults.m === 1) {
        if (typeof scalars !== "bigint")
          throw new Error("expected bigint (m=1)");
        return clear(map([scalars]));
      }
      if (!Array.isArray(scalars))
        throw new Error("expected array of bigints");
      for (const i of scalars)
        if (typeof i !== "bigint")
          throw new Error("expected array of bigints");
      return clear(map(scalars));
    },
    // hash_to_scalar can produce 0: https://www.rfc-editor.org/errata/eid8393
    // RFC 9380, draft-irtf-cfrg-bbs-signatures-08
    hashToScalar(msg, options) {
      const N = Point.Fn.ORDER;
      const opts = Object.assign({}, defaults, { p: N, m: 1, DST: _DST_scalar }, options);
      return hash_to_field(msg, 1, opts)[0][0];
    }
  };
}
var os2ip, _DST_scalar;
var init_hash_to_curve = __esm({
  "node_modules/@noble/curves/abstract/hash-to-curve.js"() {
    init_utils3();
    init_modular();
    os2ip = bytesToNumberBE;
    _DST_scalar = asciiToBytes("HashToScalar-");
  }
});

// node_modules/@noble/curves/abstract/montgomery.js
function validateOpts(curve) {
  validateObject2(curve, {
    adjustScalarBytes: "function",
    powPminus2: "function"
  });
  return Object.freeze({ ...curve });
}
function montgomery2(curveDef) {
  const CURVE = validateOpts(curveDef);
  const { P, type, adjustScalarBytes: adjustScalarBytes3, powPminus2, randomBytes: rand } = CURVE;
  const is25519 = type === "x25519";
  if (!is25519 && type !== "x448")
    throw new Error("invalid type");
  const randomBytes_ = rand || randomBytes2;
  const montgomeryBits = is25519 ? 255 : 448;
  const fieldLen = is25519 ? 32 : 56;
  const Gu = is25519 ? BigInt(9) : BigInt(5);
  const a24 = is25519 ? BigInt(121665) : BigInt(39081);
  const minScalar = is25519 ? _2n4 ** BigInt(254) : _2n4 ** BigInt(447);
  const maxAdded = is25519 ? BigInt(8) * _2n4 ** BigInt(251) - _1n6 : BigInt(4) * _2n4 ** BigInt(445) - _1n6;
  const maxScalar = minScalar + maxAdded + _1n6;
  const modP = (n) => mod3(n, P);
  const GuBytes = encodeU(Gu);
  function encodeU(u) {
    return numberToBytesLE2(modP(u), fieldLen);
  }
  function decodeU(u) {
    const _u = copyBytes3(abytes3(u, fieldLen, "uCoordinate"));
    if (is25519)
      _u[31] &= 127;
    return modP(bytesToNumberLE2(_u));
  }
  function decodeScalar(scalar) {
    return bytesToNumberLE2(adjustScalarBytes3(copyBytes3(abytes3(scalar, fieldLen, "scalar"))));
  }
  function scalarMult(scalar, u) {
    const pu = montgomeryLadder(decodeU(u), decodeScalar(scalar));
    if (pu === _0n6)
      throw new Error("invalid private or public key received");
    return encodeU(pu);
  }
  function scalarMultBase(scalar) {
    return scalarMult(scalar, GuBytes);
  }
  const getPublicKey = scalarMultBase;
  const getSharedSecret = scalarMult;
  function cswap(swap, x_2, x_3) {
    const dummy = modP(swap * (x_2 - x_3));
    x_2 = modP(x_2 - dummy);
    x_3 = modP(x_3 + dummy);
    return { x_2, x_3 };
  }
  function montgomeryLadder(u, scalar) {
    aInRange2("u", u, _0n6, P);
    aInRange2("scalar", scalar, minScalar, maxScalar);
    const k = scalar;
    const x_1 = u;
    let x_2 = _1n6;
    let z_2 = _0n6;
    let x_3 = u;
    let z_3 = _1n6;
    let swap = _0n6;
    for (let t = BigInt(montgomeryBits - 1); t >= _0n6; t--) {
      const k_t = k >> t & _1n6;
      swap ^= k_t;
      ({ x_2, x_3 } = cswap(swap, x_2, x_3));
      ({ x_2: z_2, x_3: z_3 } = cswap(swap, z_2, z_3));
      swap = k_t;
      const A = x_2 + z_2;
      const AA = modP(A * A);
      const B = x_2 - z_2;
      const BB = modP(B * B);
      const E = AA - BB;
      const C = x_3 + z_3;
      const D = x_3 - z_3;
      const DA = modP(D * A);
      const CB = modP(C * B);
      const dacb = DA + CB;
      const da_cb = DA - CB;
      x_3 = modP(dacb * dacb);
      z_3 = modP(x_1 * modP(da_cb * da_cb));
      x_2 = modP(AA * BB);
      z_2 = modP(E * (AA + modP(a24 * E)));
    }
    ({ x_2, x_3 } = cswap(swap, x_2, x_3));
    ({ x_2: z_2, x_3: z_3 } = cswap(swap, z_2, z_3));
    const z2 = powPminus2(z_2);
    return modP(x_2 * z2);
  }
  const lengths = {
    secretKey: fieldLen,
    publicKey: fieldLen,
    seed: fieldLen
  };
  const randomSecretKey = (seed = randomBytes_(fieldLen)) => {
    abytes3(seed, lengths.seed, "seed");
    return seed;
  };
  const utils = { randomSecretKey };
  return Object.freeze({
    keygen: createKeygen2(randomSecretKey, getPublicKey),
    getSharedSecret,
    getPublicKey,
    scalarMult,
    scalarMultBase,
    utils,
    GuBytes: GuBytes.slice(),
    lengths
  });
}
var _0n6, _1n6, _2n4;
var init_montgomery = __esm({
  "node_modules/@noble/curves/abstract/montgomery.js"() {
    init_utils3();
    init_curve();
    init_modular();
    _0n6 = BigInt(0);
    _1n6 = BigInt(1);
    _2n4 = BigInt(2);
  }
});

// node_modules/@noble/curves/abstract/oprf.js
function createORPF(opts) {
  validateObject2(opts, {
    name: "string",
    hash: "function",
    hashToScalar: "function",
    hashToGroup: "function"
  });
  const { name, Point, hash } = opts;
  const { Fn: Fn3 } = Point;
  const hashToGroup = (msg, ctx) => opts.hashToGroup(msg, {
    DST: concatBytes2(asciiToBytes("HashToGroup-"), ctx)
  });
  const hashToScalarPrefixed = (msg, ctx) => opts.hashToScalar(msg, { DST: concatBytes2(_DST_scalar, ctx) });
  const randomScalar = (rng = randomBytes2) => {
    const t = mapHashToField(rng(getMinHashLength(Fn3.ORDER)), Fn3.ORDER, Fn3.isLE);
    return Fn3.isLE ? bytesToNumberLE2(t) : bytesToNumberBE(t);
  };
  const msm = (points, scalars) => pippenger(Point, points, scalars);
  const getCtx = (mode) => concatBytes2(asciiToBytes("OPRFV1-"), new Uint8Array([mode]), asciiToBytes("-" + name));
  const ctxOPRF = getCtx(0);
  const ctxVOPRF = getCtx(1);
  const ctxPOPRF = getCtx(2);
  function encode2(...args) {
    const res = [];
    for (const a of args) {
      if (typeof a === "number")
        res.push(numberToBytesBE2(a, 2));
      else if (typeof a === "string")
        res.push(asciiToBytes(a));
      else {
        abytes3(a);
        res.push(numberToBytesBE2(a.length, 2), a);
      }
    }
    return concatBytes2(...res);
  }
  const hashInput = (...bytes) => hash(encode2(...bytes, "Finalize"));
  function getTranscripts(B, C, D, ctx) {
    const Bm = B.toBytes();
    const seed = hash(encode2(Bm, concatBytes2(asciiToBytes("Seed-"), ctx)));
    const res = [];
    for (let i = 0; i < C.length; i++) {
      const Ci = C[i].toBytes();
      const Di = D[i].toBytes();
      const di = hashToScalarPrefixed(encode2(seed, i, Ci, Di, "Composite"), ctx);
      res.push(di);
    }
    return res;
  }
  function computeComposites(B, C, D, ctx) {
    const T = getTranscripts(B, C, D, ctx);
    const M = msm(C, T);
    const Z = msm(D, T);
    return { M, Z };
  }
  function computeCompositesFast(k, B, C, D, ctx) {
    const T = getTranscripts(B, C, D, ctx);
    const M = msm(C, T);
    const Z = M.multiply(k);
    return { M, Z };
  }
  function challengeTranscript(B, M, Z, t2, t3, ctx) {
    const [Bm, a0, a1, a2, a3] = [B, M, Z, t2, t3].map((i) => i.toBytes());
    return hashToScalarPrefixed(encode2(Bm, a0, a1, a2, a3, "Challenge"), ctx);
  }
  function generateProof(ctx, k, B, C, D, rng) {
    const { M, Z } = computeCompositesFast(k, B, C, D, ctx);
    const r = randomScalar(rng);
    const t2 = Point.BASE.multiply(r);
    const t3 = M.multiply(r);
    const c = challengeTranscript(B, M, Z, t2, t3, ctx);
    const s = Fn3.sub(r, Fn3.mul(c, k));
    return concatBytes2(...[c, s].map((i) => Fn3.toBytes(i)));
  }
  function verifyProof(ctx, B, C, D, proof) {
    abytes3(proof, 2 * Fn3.BYTES);
    const { M, Z } = computeComposites(B, C, D, ctx);
    const [c, s] = [proof.subarray(0, Fn3.BYTES), proof.subarray(Fn3.BYTES)].map((f) => Fn3.fromBytes(f));
    const t2 = Point.BASE.multiply(s).add(B.multiply(c));
    const t3 = M.multiply(s).add(Z.multiply(c));
    const expectedC = challengeTranscript(B, M, Z, t2, t3, ctx);
    if (!Fn3.eql(c, expectedC))
      throw new Error("proof verification failed");
  }
  function generateKeyPair() {
    const skS = randomScalar();
    const pkS = Point.BASE.multiply(skS);
    return { secretKey: Fn3.toBytes(skS), publicKey: pkS.toBytes() };
  }
  function deriveKeyPair(ctx, seed, info) {
    const dst = concatBytes2(asciiToBytes("DeriveKeyPair"), ctx);
    const msg = concatBytes2(seed, encode2(info), Uint8Array.of(0));
    for (let counter = 0; counter <= 255; counter++) {
      msg[msg.length - 1] = counter;
      const skS = opts.hashToScalar(msg, { DST: dst });
      if (Fn3.is0(skS))
        continue;
      return { secretKey: Fn3.toBytes(skS), publicKey: Point.BASE.multiply(skS).toBytes() };
    }
    throw new Error("Cannot derive key");
  }
  function blind(ctx, input, rng = randomBytes2) {
    const blind2 = randomScalar(rng);
    const inputPoint = hashToGroup(input, ctx);
    if (inputPoint.equals(Point.ZERO))
      throw new Error("Input point at infinity");
    const blinded = inputPoint.multiply(blind2);
    return { blind: Fn3.toBytes(blind2), blinded: blinded.toBytes() };
  }
  function evaluate(ctx, secretKey, input) {
    const skS = Fn3.fromBytes(secretKey);
    const inputPoint = hashToGroup(input, ctx);
    if (inputPoint.equals(Point.ZERO))
      throw new Error("Input point at infinity");
    const unblinded = inputPoint.multiply(skS).toBytes();
    return hashInput(input, unblinded);
  }
  const oprf = {
    generateKeyPair,
    deriveKeyPair: (seed, keyInfo) => deriveKeyPair(ctxOPRF, seed, keyInfo),
    blind: (input, rng = randomBytes2) => blind(ctxOPRF, input, rng),
    blindEvaluate(secretKey, blindedPoint) {
      const skS = Fn3.fromBytes(secretKey);
      const elm = Point.fromBytes(blindedPoint);
      return elm.multiply(skS).toBytes();
    },
    finalize(input, blindBytes, evaluatedBytes) {
      const blind2 = Fn3.fromBytes(blindBytes);
      const evalPoint = Point.fromBytes(evaluatedBytes);
      const unblinded = evalPoint.multiply(Fn3.inv(blind2)).toBytes();
      return hashInput(input, unblinded);
    },
    evaluate: (secretKey, input) => evaluate(ctxOPRF, secretKey, input)
  };
  const voprf = {
    generateKeyPair,
    deriveKeyPair: (seed, keyInfo) => deriveKeyPair(ctxVOPRF, seed, keyInfo),
    blind: (input, rng = randomBytes2) => blind(ctxVOPRF, input, rng),
    blindEvaluateBatch(secretKey, publicKey, blinded, rng = randomBytes2) {
      if (!Array.isArray(blinded))
        throw new Error("expected array");
      const skS = Fn3.fromBytes(secretKey);
      const pkS = Point.fromBytes(publicKey);
      const blindedPoints = blinded.map(Point.fromBytes);
      const evaluated = blindedPoints.map((i) => i.multiply(skS));
      const proof = generateProof(ctxVOPRF, skS, pkS, blindedPoints, evaluated, rng);
      return { evaluated: evaluated.map((i) => i.toBytes()), proof };
    },
    blindEvaluate(secretKey, publicKey, blinded, rng = randomBytes2) {
      const res = this.blindEvaluateBatch(secretKey, publicKey, [blinded], rng);
      return { evaluated: res.evaluated[0], proof: res.proof };
    },
    finalizeBatch(items, publicKey, proof) {
      if (!Array.isArray(items))
        throw new Error("expected array");
      const pkS = Point.fromBytes(publicKey);
      const blindedPoints = items.map((i) => i.blinded).map(Point.fromBytes);
      const evalPoints = items.map((i) => i.evaluated).map(Point.fromBytes);
      verifyProof(ctxVOPRF, pkS, blindedPoints, evalPoints, proof);
      return items.map((i) => oprf.finalize(i.input, i.blind, i.evaluated));
    },
    finalize(input, blind2, evaluated, blinded, publicKey, proof) {
      return this.finalizeBatch([{ input, blind: blind2, evaluated, blinded }], publicKey, proof)[0];
    },
    evaluate: (secretKey, input) => evaluate(ctxVOPRF, secretKey, input)
  };
  const poprf = (info) => {
    const m = hashToScalarPrefixed(encode2("Info", info), ctxPOPRF);
    const T = Point.BASE.multiply(m);
    return {
      generateKeyPair,
      deriveKeyPair: (seed, keyInfo) => deriveKeyPair(ctxPOPRF, seed, keyInfo),
      blind(input, publicKey, rng = randomBytes2) {
        const pkS = Point.fromBytes(publicKey);
        const tweakedKey = T.add(pkS);
        if (tweakedKey.equals(Point.ZERO))
          throw new Error("tweakedKey point at infinity");
        const blind2 = randomScalar(rng);
        const inputPoint = hashToGroup(input, ctxPOPRF);
        if (inputPoint.equals(Point.ZERO))
          throw new Error("Input point at infinity");
        const blindedPoint = inputPoint.multiply(blind2);
        return {
          blind: Fn3.toBytes(blind2),
          blinded: blindedPoint.toBytes(),
          tweakedKey: tweakedKey.toBytes()
        };
      },
      blindEvaluateBatch(secretKey, blinded, rng = randomBytes2) {
        if (!Array.isArray(blinded))
          throw new Error("expected array");
        const skS = Fn3.fromBytes(secretKey);
        const t = Fn3.add(skS, m);
        const invT = Fn3.inv(t);
        const blindedPoints = blinded.map(Point.fromBytes);
        const evalPoints = blindedPoints.map((i) => i.multiply(invT));
        const tweakedKey = Point.BASE.multiply(t);
        const proof = generateProof(ctxPOPRF, t, tweakedKey, evalPoints, blindedPoints, rng);
        return { evaluated: evalPoints.map((i) => i.toBytes()), proof };
      },
      blindEvaluate(secretKey, blinded, rng = randomBytes2) {
        const res = this.blindEvaluateBatch(secretKey, [blinded], rng);
        return { evaluated: res.evaluated[0], proof: res.proof };
      },
      finalizeBatch(items, proof, tweakedKey) {
        if (!Array.isArray(items))
          throw new Error("expected array");
        const evalPoints = items.map((i) => i.evaluated).map(Point.fromBytes);
        verifyProof(ctxPOPRF, Point.fromBytes(tweakedKey), evalPoints, items.map((i) => i.blinded).map(Point.fromBytes), proof);
        return items.map((i, j) => {
          const blind2 = Fn3.fromBytes(i.blind);
          const point = evalPoints[j].multiply(Fn3.inv(blind2)).toBytes();
          return hashInput(i.input, info, point);
        });
      },
      finalize(input, blind2, evaluated, blinded, proof, tweakedKey) {
        return this.finalizeBatch([{ input, blind: blind2, evaluated, blinded }], proof, tweakedKey)[0];
      },
      evaluate(secretKey, input) {
        const skS = Fn3.fromBytes(secretKey);
        const inputPoint = hashToGroup(input, ctxPOPRF);
        if (inputPoint.equals(Point.ZERO))
          throw new Error("Input point at infinity");
        const t = Fn3.add(skS, m);
        const invT = Fn3.inv(t);
        const unblinded = inputPoint.multiply(invT).toBytes();
        return hashInput(input, info, unblinded);
      }
    };
  };
  return Object.freeze({ name, oprf, voprf, poprf, __tests: { Fn: Fn3 } });
}
var init_oprf = __esm({
  "node_modules/@noble/curves/abstract/oprf.js"() {
    init_utils3();
    init_curve();
    init_hash_to_curve();
    init_modular();
  }
});

// node_modules/@noble/curves/ed25519.js
var ed25519_exports = {};
__export(ed25519_exports, {
  ED25519_TORSION_SUBGROUP: () => ED25519_TORSION_SUBGROUP,
  _map_to_curve_elligator2_curve25519: () => _map_to_curve_elligator2_curve25519,
  ed25519: () => ed25519,
  ed25519_hasher: () => ed25519_hasher,
  ed25519ctx: () => ed25519ctx,
  ed25519ph: () => ed25519ph,
  ristretto255: () => ristretto255,
  ristretto255_hasher: () => ristretto255_hasher,
  ristretto255_oprf: () => ristretto255_oprf,
  x25519: () => x25519
});
function ed25519_pow_2_252_3(x) {
  const _10n = BigInt(10), _20n = BigInt(20), _40n = BigInt(40), _80n = BigInt(80);
  const P = ed25519_CURVE_p;
  const x2 = x * x % P;
  const b2 = x2 * x % P;
  const b4 = pow22(b2, _2n5, P) * b2 % P;
  const b5 = pow22(b4, _1n7, P) * x % P;
  const b10 = pow22(b5, _5n2, P) * b5 % P;
  const b20 = pow22(b10, _10n, P) * b10 % P;
  const b40 = pow22(b20, _20n, P) * b20 % P;
  const b80 = pow22(b40, _40n, P) * b40 % P;
  const b160 = pow22(b80, _80n, P) * b80 % P;
  const b240 = pow22(b160, _80n, P) * b80 % P;
  const b250 = pow22(b240, _10n, P) * b10 % P;
  const pow_p_5_8 = pow22(b250, _2n5, P) * x % P;
  return { pow_p_5_8, b2 };
}
function adjustScalarBytes(bytes) {
  bytes[0] &= 248;
  bytes[31] &= 127;
  bytes[31] |= 64;
  return bytes;
}
function uvRatio(u, v) {
  const P = ed25519_CURVE_p;
  const v3 = mod3(v * v * v, P);
  const v7 = mod3(v3 * v3 * v, P);
  const pow = ed25519_pow_2_252_3(u * v7).pow_p_5_8;
  let x = mod3(u * v3 * pow, P);
  const vx2 = mod3(v * x * x, P);
  const root1 = x;
  const root2 = mod3(x * ED25519_SQRT_M1, P);
  const useRoot1 = vx2 === u;
  const useRoot2 = vx2 === mod3(-u, P);
  const noRoot = vx2 === mod3(-u * ED25519_SQRT_M1, P);
  if (useRoot1)
    x = root1;
  if (useRoot2 || noRoot)
    x = root2;
  if (isNegativeLE(x, P))
    x = mod3(-x, P);
  return { isValid: useRoot1 || useRoot2, value: x };
}
function ed25519_domain(data, ctx, phflag) {
  if (ctx.length > 255)
    throw new Error("Context is too big");
  return concatBytes2(asciiToBytes("SigEd25519 no Ed25519 collisions"), new Uint8Array([phflag ? 1 : 0, ctx.length]), ctx, data);
}
function ed(opts) {
  return eddsa(ed25519_Point, sha5122, Object.assign({ adjustScalarBytes }, opts));
}
function _map_to_curve_elligator2_curve25519(u) {
  const ELL2_C4 = (ed25519_CURVE_p - _5n2) / _8n3;
  const ELL2_J2 = BigInt(486662);
  let tv1 = Fp.sqr(u);
  tv1 = Fp.mul(tv1, _2n5);
  let xd = Fp.add(tv1, Fp.ONE);
  let x1n = Fp.neg(ELL2_J2);
  let tv2 = Fp.sqr(xd);
  let gxd = Fp.mul(tv2, xd);
  let gx1 = Fp.mul(tv1, ELL2_J2);
  gx1 = Fp.mul(gx1, x1n);
  gx1 = Fp.add(gx1, tv2);
  gx1 = Fp.mul(gx1, x1n);
  let tv3 = Fp.sqr(gxd);
  tv2 = Fp.sqr(tv3);
  tv3 = Fp.mul(tv3, gxd);
  tv3 = Fp.mul(tv3, gx1);
  tv2 = Fp.mul(tv2, tv3);
  let y11 = Fp.pow(tv2, ELL2_C4);
  y11 = Fp.mul(y11, tv3);
  let y12 = Fp.mul(y11, ELL2_C3);
  tv2 = Fp.sqr(y11);
  tv2 = Fp.mul(tv2, gxd);
  let e1 = Fp.eql(tv2, gx1);
  let y1 = Fp.cmov(y12, y11, e1);
  let x2n = Fp.mul(x1n, tv1);
  let y21 = Fp.mul(y11, u);
  y21 = Fp.mul(y21, ELL2_C2);
  let y22 = Fp.mul(y21, ELL2_C3);
  let gx2 = Fp.mul(gx1, tv1);
  tv2 = Fp.sqr(y21);
  tv2 = Fp.mul(tv2, gxd);
  let e2 = Fp.eql(tv2, gx2);
  let y2 = Fp.cmov(y22, y21, e2);
  tv2 = Fp.sqr(y1);
  tv2 = Fp.mul(tv2, gxd);
  let e3 = Fp.eql(tv2, gx1);
  let xn = Fp.cmov(x2n, x1n, e3);
  let y = Fp.cmov(y2, y1, e3);
  let e4 = Fp.isOdd(y);
  y = Fp.cmov(y, Fp.neg(y), e3 !== e4);
  return { xMn: xn, xMd: xd, yMn: y, yMd: _1n7 };
}
function map_to_curve_elligator2_edwards25519(u) {
  const { xMn, xMd, yMn, yMd } = _map_to_curve_elligator2_curve25519(u);
  let xn = Fp.mul(xMn, yMd);
  xn = Fp.mul(xn, ELL2_C1_EDWARDS);
  let xd = Fp.mul(xMd, yMn);
  let yn = Fp.sub(xMn, xMd);
  let yd = Fp.add(xMn, xMd);
  let tv1 = Fp.mul(xd, yd);
  let e = Fp.eql(tv1, Fp.ZERO);
  xn = Fp.cmov(xn, Fp.ZERO, e);
  xd = Fp.cmov(xd, Fp.ONE, e);
  yn = Fp.cmov(yn, Fp.ONE, e);
  yd = Fp.cmov(yd, Fp.ONE, e);
  const [xd_inv, yd_inv] = FpInvertBatch(Fp, [xd, yd], true);
  return { x: Fp.mul(xn, xd_inv), y: Fp.mul(yn, yd_inv) };
}
function calcElligatorRistrettoMap(r0) {
  const { d } = ed25519_CURVE;
  const P = ed25519_CURVE_p;
  const mod4 = (n) => Fp.create(n);
  const r = mod4(SQRT_M1 * r0 * r0);
  const Ns = mod4((r + _1n7) * ONE_MINUS_D_SQ);
  let c = BigInt(-1);
  const D = mod4((c - d * r) * mod4(r + d));
  let { isValid: Ns_D_is_sq, value: s } = uvRatio(Ns, D);
  let s_ = mod4(s * r0);
  if (!isNegativeLE(s_, P))
    s_ = mod4(-s_);
  if (!Ns_D_is_sq)
    s = s_;
  if (!Ns_D_is_sq)
    c = r;
  const Nt = mod4(c * (r - _1n7) * D_MINUS_ONE_SQ - D);
  const s2 = s * s;
  const W0 = mod4((s + s) * D);
  const W1 = mod4(Nt * SQRT_AD_MINUS_ONE);
  const W2 = mod4(_1n7 - s2);
  const W3 = mod4(_1n7 + s2);
  return new ed25519_Point(mod4(W0 * W3), mod4(W2 * W1), mod4(W1 * W3), mod4(W0 * W2));
}
var _0n7, _1n7, _2n5, _3n2, _5n2, _8n3, ed25519_CURVE_p, ed25519_CURVE, ED25519_SQRT_M1, ed25519_Point, Fp, Fn, ed25519, ed25519ctx, ed25519ph, x25519, ELL2_C1, ELL2_C2, ELL2_C3, ELL2_C1_EDWARDS, ed25519_hasher, SQRT_M1, SQRT_AD_MINUS_ONE, INVSQRT_A_MINUS_D, ONE_MINUS_D_SQ, D_MINUS_ONE_SQ, invertSqrt, MAX_255B, bytes255ToNumberLE, _RistrettoPoint, ristretto255, ristretto255_hasher, ristretto255_oprf, ED25519_TORSION_SUBGROUP;
var init_ed25519 = __esm({
  "node_modules/@noble/curves/ed25519.js"() {
    init_sha2();
    init_utils2();
    init_edwards();
    init_hash_to_curve();
    init_modular();
    init_montgomery();
    init_oprf();
    init_utils3();
    _0n7 = /* @__PURE__ */ BigInt(0);
    _1n7 = BigInt(1);
    _2n5 = BigInt(2);
    _3n2 = /* @__PURE__ */ BigInt(3);
    _5n2 = BigInt(5);
    _8n3 = BigInt(8);
    ed25519_CURVE_p = BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
    ed25519_CURVE = /* @__PURE__ */ (() => ({
      p: ed25519_CURVE_p,
      n: BigInt("0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed"),
      h: _8n3,
      a: BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffec"),
      d: BigInt("0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3"),
      Gx: BigInt("0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a"),
      Gy: BigInt("0x6666666666666666666666666666666666666666666666666666666666666658")
    }))();
    ED25519_SQRT_M1 = /* @__PURE__ */ BigInt("19681161376707505956807079304988542015446066515923890162744021073123829784752");
    ed25519_Point = /* @__PURE__ */ edwards(ed25519_CURVE, { uvRatio });
    Fp = /* @__PURE__ */ (() => ed25519_Point.Fp)();
    Fn = /* @__PURE__ */ (() => ed25519_Point.Fn)();
    ed25519 = /* @__PURE__ */ ed({});
    ed25519ctx = /* @__PURE__ */ ed({ domain: ed25519_domain });
    ed25519ph = /* @__PURE__ */ ed({ domain: ed25519_domain, prehash: sha5122 });
    x25519 = /* @__PURE__ */ (() => {
      const P = ed25519_CURVE_p;
      return montgomery2({
        P,
        type: "x25519",
        powPminus2: (x) => {
          const { pow_p_5_8, b2 } = ed25519_pow_2_252_3(x);
          return mod3(pow22(pow_p_5_8, _3n2, P) * b2, P);
        },
        adjustScalarBytes
      });
    })();
    ELL2_C1 = /* @__PURE__ */ (() => (ed25519_CURVE_p + _3n2) / _8n3)();
    ELL2_C2 = /* @__PURE__ */ (() => Fp.pow(_2n5, ELL2_C1))();
    ELL2_C3 = /* @__PURE__ */ (() => Fp.sqrt(Fp.neg(Fp.ONE)))();
    ELL2_C1_EDWARDS = /* @__PURE__ */ (() => FpSqrtEven(Fp, Fp.neg(BigInt(486664))))();
    ed25519_hasher = /* @__PURE__ */ (() => createHasher3(ed25519_Point, (scalars) => map_to_curve_elligator2_edwards25519(scalars[0]), {
      DST: "edwards25519_XMD:SHA-512_ELL2_RO_",
      encodeDST: "edwards25519_XMD:SHA-512_ELL2_NU_",
      p: ed25519_CURVE_p,
      m: 1,
      k: 128,
      expand: "xmd",
      hash: sha5122
    }))();
    SQRT_M1 = ED25519_SQRT_M1;
    SQRT_AD_MINUS_ONE = /* @__PURE__ */ BigInt("25063068953384623474111414158702152701244531502492656460079210482610430750235");
    INVSQRT_A_MINUS_D = /* @__PURE__ */ BigInt("54469307008909316920995813868745141605393597292927456921205312896311721017578");
    ONE_MINUS_D_SQ = /* @__PURE__ */ BigInt("1159843021668779879193775521855586647937357759715417654439879720876111806838");
    D_MINUS_ONE_SQ = /* @__PURE__ */ BigInt("40440834346308536858101042469323190826248399146238708352240133220865137265952");
    invertSqrt = (number) => uvRatio(_1n7, number);
    MAX_255B = /* @__PURE__ */ BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    bytes255ToNumberLE = (bytes) => Fp.create(bytesToNumberLE2(bytes) & MAX_255B);
    _RistrettoPoint = class __RistrettoPoint extends PrimeEdwardsPoint {
      // Do NOT change syntax: the following gymnastics is done,
      // because typescript strips comments, which makes bundlers disable tree-shaking.
      // prettier-ignore
      static BASE = /* @__PURE__ */ (() => new __RistrettoPoint(ed25519_Point.BASE))();
      // prettier-ignore
      static ZERO = /* @__PURE__ */ (() => new __RistrettoPoint(ed25519_Point.ZERO))();
      // prettier-ignore
      static Fp = /* @__PURE__ */ (() => Fp)();
      // prettier-ignore
      static Fn = /* @__PURE__ */ (() => Fn)();
      constructor(ep) {
        super(ep);
      }
      static fromAffine(ap) {
        return new __RistrettoPoint(ed25519_Point.fromAffine(ap));
      }
      assertSame(other) {
        if (!(other instanceof __RistrettoPoint))
          throw new Error("RistrettoPoint expected");
      }
      init(ep) {
        return new __RistrettoPoint(ep);
      }
      static fromBytes(bytes) {
        abytes3(bytes, 32);
        const { a, d } = ed25519_CURVE;
        const P = ed25519_CURVE_p;
        const mod4 = (n) => Fp.create(n);
        const s = bytes255ToNumberLE(bytes);
        if (!equalBytes2(Fp.toBytes(s), bytes) || isNegativeLE(s, P))
          throw new Error("invalid ristretto255 encoding 1");
        const s2 = mod4(s * s);
        const u1 = mod4(_1n7 + a * s2);
        const u2 = mod4(_1n7 - a * s2);
        const u1_2 = mod4(u1 * u1);
        const u2_2 = mod4(u2 * u2);
        const v = mod4(a * d * u1_2 - u2_2);
        const { isValid, value: I } = invertSqrt(mod4(v * u2_2));
        const Dx = mod4(I * u2);
        const Dy = mod4(I * Dx * v);
        let x = mod4((s + s) * Dx);
        if (isNegativeLE(x, P))
          x = mod4(-x);
        const y = mod4(u1 * Dy);
        const t = mod4(x * y);
        if (!isValid || isNegativeLE(t, P) || y === _0n7)
          throw new Error("invalid ristretto255 encoding 2");
        return new __RistrettoPoint(new ed25519_Point(x, y, _1n7, t));
      }
      /**
       * Converts ristretto-encoded string to ristretto point.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-decode).
       * @param hex Ristretto-encoded 32 bytes. Not every 32-byte string is valid ristretto encoding
       */
      static fromHex(hex) {
        return __RistrettoPoint.fromBytes(hexToBytes2(hex));
      }
      /**
       * Encodes ristretto point to Uint8Array.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-encode).
       */
      toBytes() {
        let { X, Y, Z, T } = this.ep;
        const P = ed25519_CURVE_p;
        const mod4 = (n) => Fp.create(n);
        const u1 = mod4(mod4(Z + Y) * mod4(Z - Y));
        const u2 = mod4(X * Y);
        const u2sq = mod4(u2 * u2);
        const { value: invsqrt } = invertSqrt(mod4(u1 * u2sq));
        const D1 = mod4(invsqrt * u1);
        const D2 = mod4(invsqrt * u2);
        const zInv = mod4(D1 * D2 * T);
        let D;
        if (isNegativeLE(T * zInv, P)) {
          let _x = mod4(Y * SQRT_M1);
          let _y = mod4(X * SQRT_M1);
          X = _x;
          Y = _y;
          D = mod4(D1 * INVSQRT_A_MINUS_D);
        } else {
          D = D2;
        }
        if (isNegativeLE(X * zInv, P))
          Y = mod4(-Y);
        let s = mod4((Z - Y) * D);
        if (isNegativeLE(s, P))
          s = mod4(-s);
        return Fp.toBytes(s);
      }
      /**
       * Compares two Ristretto points.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-equals).
       */
      equals(other) {
        this.assertSame(other);
        const { X: X1, Y: Y1 } = this.ep;
        const { X: X2, Y: Y2 } = other.ep;
        const mod4 = (n) => Fp.create(n);
        const one = mod4(X1 * Y2) === mod4(Y1 * X2);
        const two = mod4(Y1 * Y2) === mod4(X1 * X2);
        return one || two;
      }
      is0() {
        return this.equals(__RistrettoPoint.ZERO);
      }
    };
    ristretto255 = { Point: _RistrettoPoint };
    ristretto255_hasher = {
      Point: _RistrettoPoint,
      /**
      * Spec: https://www.rfc-editor.org/rfc/rfc9380.html#name-hashing-to-ristretto255. Caveats:
      * * There are no test vectors
      * * encodeToCurve / mapToCurve is undefined
      * * mapToCurve would be `calcElligatorRistrettoMap(scalars[0])`, not ristretto255_map!
      * * hashToScalar is undefined too, so we just use OPRF implementation
      * * We cannot re-use 'createHasher', because ristretto255_map is different algorithm/RFC
        (os2ip -> bytes255ToNumberLE)
      * * mapToCurve == calcElligatorRistrettoMap, hashToCurve == ristretto255_map
      * * hashToScalar is undefined in RFC9380 for ristretto, we are using version from OPRF here, using bytes255ToNumblerLE will create different result if we use bytes255ToNumberLE as os2ip
      * * current version is closest to spec.
      */
      hashToCurve(msg, options) {
        const DST = options?.DST || "ristretto255_XMD:SHA-512_R255MAP_RO_";
        const xmd = expand_message_xmd(msg, DST, 64, sha5122);
        return ristretto255_hasher.deriveToCurve(xmd);
      },
      hashToScalar(msg, options = { DST: _DST_scalar }) {
        const xmd = expand_message_xmd(msg, options.DST, 64, sha5122);
        return Fn.create(bytesToNumberLE2(xmd));
      },
      /**
       * HashToCurve-like construction based on RFC 9496 (Element Derivation).
       * Converts 64 uniform random bytes into a curve point.
       *
       * WARNING: This represents an older hash-to-curve construction, preceding the finalization of RFC 9380.
       * It was later reused as a component in the newer `hash_to_ristretto255` function defined in RFC 9380.
       */
      deriveToCurve(bytes) {
        abytes3(bytes, 64);
        const r1 = bytes255ToNumberLE(bytes.subarray(0, 32));
        const R1 = calcElligatorRistrettoMap(r1);
        const r2 = bytes255ToNumberLE(bytes.subarray(32, 64));
        const R2 = calcElligatorRistrettoMap(r2);
        return new _RistrettoPoint(R1.add(R2));
      }
    };
    ristretto255_oprf = /* @__PURE__ */ (() => createORPF({
      name: "ristretto255-SHA512",
      Point: _RistrettoPoint,
      hash: sha5122,
      hashToGroup: ristretto255_hasher.hashToCurve,
      hashToScalar: ristretto255_hasher.hashToScalar
    }))();
    ED25519_TORSION_SUBGROUP = [
      "0100000000000000000000000000000000000000000000000000000000000000",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "0000000000000000000000000000000000000000000000000000000000000080",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
    ];
  }
});

// node_modules/@noble/hashes/sha3.js
function keccakP(s, rounds = 24) {
  const B = new Uint32Array(5 * 2);
  for (let round = 24 - rounds; round < 24; round++) {
    for (let x = 0; x < 10; x++)
      B[x] = s[x] ^ s[x + 10] ^ s[x + 20] ^ s[x + 30] ^ s[x + 40];
    for (let x = 0; x < 10; x += 2) {
      const idx1 = (x + 8) % 10;
      const idx0 = (x + 2) % 10;
      const B0 = B[idx0];
      const B1 = B[idx0 + 1];
      const Th = rotlH(B0, B1, 1) ^ B[idx1];
      const Tl = rotlL(B0, B1, 1) ^ B[idx1 + 1];
      for (let y = 0; y < 50; y += 10) {
        s[x + y] ^= Th;
        s[x + y + 1] ^= Tl;
      }
    }
    let curH = s[2];
    let curL = s[3];
    for (let t = 0; t < 24; t++) {
      const shift = SHA3_ROTL2[t];
      const Th = rotlH(curH, curL, shift);
      const Tl = rotlL(curH, curL, shift);
      const PI = SHA3_PI2[t];
      curH = s[PI];
      curL = s[PI + 1];
      s[PI] = Th;
      s[PI + 1] = Tl;
    }
    for (let y = 0; y < 50; y += 10) {
      for (let x = 0; x < 10; x++)
        B[x] = s[y + x];
      for (let x = 0; x < 10; x++)
        s[y + x] ^= ~B[(x + 2) % 10] & B[(x + 4) % 10];
    }
    s[0] ^= SHA3_IOTA_H2[round];
    s[1] ^= SHA3_IOTA_L2[round];
  }
  clean3(B);
}
var _0n8, _1n8, _2n6, _7n3, _256n2, _0x71n2, SHA3_PI2, SHA3_ROTL2, _SHA3_IOTA2, IOTAS2, SHA3_IOTA_H2, SHA3_IOTA_L2, rotlH, rotlL, Keccak, genShake, shake2562;
var init_sha3 = __esm({
  "node_modules/@noble/hashes/sha3.js"() {
    init_u64();
    init_utils2();
    _0n8 = BigInt(0);
    _1n8 = BigInt(1);
    _2n6 = BigInt(2);
    _7n3 = BigInt(7);
    _256n2 = BigInt(256);
    _0x71n2 = BigInt(113);
    SHA3_PI2 = [];
    SHA3_ROTL2 = [];
    _SHA3_IOTA2 = [];
    for (let round = 0, R = _1n8, x = 1, y = 0; round < 24; round++) {
      [x, y] = [y, (2 * x + 3 * y) % 5];
      SHA3_PI2.push(2 * (5 * y + x));
      SHA3_ROTL2.push((round + 1) * (round + 2) / 2 % 64);
      let t = _0n8;
      for (let j = 0; j < 7; j++) {
        R = (R << _1n8 ^ (R >> _7n3) * _0x71n2) % _256n2;
        if (R & _2n6)
          t ^= _1n8 << (_1n8 << BigInt(j)) - _1n8;
      }
      _SHA3_IOTA2.push(t);
    }
    IOTAS2 = split2(_SHA3_IOTA2, true);
    SHA3_IOTA_H2 = IOTAS2[0];
    SHA3_IOTA_L2 = IOTAS2[1];
    rotlH = (h, l, s) => s > 32 ? rotlBH2(h, l, s) : rotlSH2(h, l, s);
    rotlL = (h, l, s) => s > 32 ? rotlBL2(h, l, s) : rotlSL2(h, l, s);
    Keccak = class _Keccak {
      state;
      pos = 0;
      posOut = 0;
      finished = false;
      state32;
      destroyed = false;
      blockLen;
      suffix;
      outputLen;
      enableXOF = false;
      rounds;
      // NOTE: we accept arguments in bytes instead of bits here.
      constructor(blockLen, suffix, outputLen, enableXOF = false, rounds = 24) {
        this.blockLen = blockLen;
        this.suffix = suffix;
        this.outputLen = outputLen;
        this.enableXOF = enableXOF;
        this.rounds = rounds;
        anumber3(outputLen, "outputLen");
        if (!(0 < blockLen && blockLen < 200))
          throw new Error("only keccak-f1600 function is supported");
        this.state = new Uint8Array(200);
        this.state32 = u323(this.state);
      }
      clone() {
        return this._cloneInto();
      }
      keccak() {
        swap32IfBE2(this.state32);
        keccakP(this.state32, this.rounds);
        swap32IfBE2(this.state32);
        this.posOut = 0;
        this.pos = 0;
      }
      update(data) {
        aexists3(this);
        abytes3(data);
        const { blockLen, state } = this;
        const len = data.length;
        for (let pos = 0; pos < len; ) {
          const take = Math.min(blockLen - this.pos, len - pos);
          for (let i = 0; i < take; i++)
            state[this.pos++] ^= data[pos++];
          if (this.pos === blockLen)
            this.keccak();
        }
        return this;
      }
      finish() {
        if (this.finished)
          return;
        this.finished = true;
        const { state, suffix, pos, blockLen } = this;
        state[pos] ^= suffix;
        if ((suffix & 128) !== 0 && pos === blockLen - 1)
          this.keccak();
        state[blockLen - 1] ^= 128;
        this.keccak();
      }
      writeInto(out) {
        aexists3(this, false);
        abytes3(out);
        this.finish();
        const bufferOut = this.state;
        const { blockLen } = this;
        for (let pos = 0, len = out.length; pos < len; ) {
          if (this.posOut >= blockLen)
            this.keccak();
          const take = Math.min(blockLen - this.posOut, len - pos);
          out.set(bufferOut.subarray(this.posOut, this.posOut + take), pos);
          this.posOut += take;
          pos += take;
        }
        return out;
      }
      xofInto(out) {
        if (!this.enableXOF)
          throw new Error("XOF is not possible for this instance");
        return this.writeInto(out);
      }
      xof(bytes) {
        anumber3(bytes);
        return this.xofInto(new Uint8Array(bytes));
      }
      digestInto(out) {
        aoutput3(out, this);
        if (this.finished)
          throw new Error("digest() was already called");
        this.writeInto(out);
        this.destroy();
        return out;
      }
      digest() {
        return this.digestInto(new Uint8Array(this.outputLen));
      }
      destroy() {
        this.destroyed = true;
        clean3(this.state);
      }
      _cloneInto(to) {
        const { blockLen, suffix, outputLen, rounds, enableXOF } = this;
        to ||= new _Keccak(blockLen, suffix, outputLen, enableXOF, rounds);
        to.state32.set(this.state32);
        to.pos = this.pos;
        to.posOut = this.posOut;
        to.finished = this.finished;
        to.rounds = rounds;
        to.suffix = suffix;
        to.outputLen = outputLen;
        to.enableXOF = enableXOF;
        to.destroyed = this.destroyed;
        return to;
      }
    };
    genShake = (suffix, blockLen, outputLen, info = {}) => createHasher2((opts = {}) => new Keccak(blockLen, suffix, opts.dkLen === void 0 ? outputLen : opts.dkLen, true), info);
    shake2562 = /* @__PURE__ */ genShake(31, 136, 32, /* @__PURE__ */ oidNist2(12));
  }
});

// node_modules/@noble/curves/ed448.js
var ed448_exports = {};
__export(ed448_exports, {
  E448: () => E448,
  ED448_TORSION_SUBGROUP: () => ED448_TORSION_SUBGROUP,
  decaf448: () => decaf448,
  decaf448_hasher: () => decaf448_hasher,
  decaf448_oprf: () => decaf448_oprf,
  ed448: () => ed448,
  ed448_hasher: () => ed448_hasher,
  ed448ph: () => ed448ph,
  x448: () => x448
});
function ed448_pow_Pminus3div4(x) {
  const P = ed448_CURVE_p;
  const b2 = x * x * x % P;
  const b3 = b2 * b2 * x % P;
  const b6 = pow22(b3, _3n3, P) * b3 % P;
  const b9 = pow22(b6, _3n3, P) * b3 % P;
  const b11 = pow22(b9, _2n7, P) * b2 % P;
  const b22 = pow22(b11, _11n, P) * b11 % P;
  const b44 = pow22(b22, _22n, P) * b22 % P;
  const b88 = pow22(b44, _44n, P) * b44 % P;
  const b176 = pow22(b88, _88n, P) * b88 % P;
  const b220 = pow22(b176, _44n, P) * b44 % P;
  const b222 = pow22(b220, _2n7, P) * b2 % P;
  const b223 = pow22(b222, _1n9, P) * x % P;
  return pow22(b223, _223n, P) * b222 % P;
}
function adjustScalarBytes2(bytes) {
  bytes[0] &= 252;
  bytes[55] |= 128;
  bytes[56] = 0;
  return bytes;
}
function uvRatio2(u, v) {
  const P = ed448_CURVE_p;
  const u2v = mod3(u * u * v, P);
  const u3v = mod3(u2v * u, P);
  const u5v3 = mod3(u3v * u2v * v, P);
  const root2 = ed448_pow_Pminus3div4(u5v3);
  const x = mod3(u3v * root2, P);
  const x2 = mod3(x * x, P);
  return { isValid: mod3(x2 * v, P) === u, value: x };
}
function dom4(data, ctx, phflag) {
  if (ctx.length > 255)
    throw new Error("context must be smaller than 255, got: " + ctx.length);
  return concatBytes2(asciiToBytes("SigEd448"), new Uint8Array([phflag ? 1 : 0, ctx.length]), ctx, data);
}
function ed4(opts) {
  return eddsa(ed448_Point, shake256_114, Object.assign({ adjustScalarBytes: adjustScalarBytes2, domain: dom4 }, opts));
}
function map_to_curve_elligator2_curve448(u) {
  let tv1 = Fp2.sqr(u);
  let e1 = Fp2.eql(tv1, Fp2.ONE);
  tv1 = Fp2.cmov(tv1, Fp2.ZERO, e1);
  let xd = Fp2.sub(Fp2.ONE, tv1);
  let x1n = Fp2.neg(ELL2_J);
  let tv2 = Fp2.sqr(xd);
  let gxd = Fp2.mul(tv2, xd);
  let gx1 = Fp2.mul(tv1, Fp2.neg(ELL2_J));
  gx1 = Fp2.mul(gx1, x1n);
  gx1 = Fp2.add(gx1, tv2);
  gx1 = Fp2.mul(gx1, x1n);
  let tv3 = Fp2.sqr(gxd);
  tv2 = Fp2.mul(gx1, gxd);
  tv3 = Fp2.mul(tv3, tv2);
  let y1 = Fp2.pow(tv3, ELL2_C12);
  y1 = Fp2.mul(y1, tv2);
  let x2n = Fp2.mul(x1n, Fp2.neg(tv1));
  let y2 = Fp2.mul(y1, u);
  y2 = Fp2.cmov(y2, Fp2.ZERO, e1);
  tv2 = Fp2.sqr(y1);
  tv2 = Fp2.mul(tv2, gxd);
  let e2 = Fp2.eql(tv2, gx1);
  let xn = Fp2.cmov(x2n, x1n, e2);
  let y = Fp2.cmov(y2, y1, e2);
  let e3 = Fp2.isOdd(y);
  y = Fp2.cmov(y, Fp2.neg(y), e2 !== e3);
  return { xn, xd, yn: y, yd: Fp2.ONE };
}
function map_to_curve_elligator2_edwards448(u) {
  let { xn, xd, yn, yd } = map_to_curve_elligator2_curve448(u);
  let xn2 = Fp2.sqr(xn);
  let xd2 = Fp2.sqr(xd);
  let xd4 = Fp2.sqr(xd2);
  let yn2 = Fp2.sqr(yn);
  let yd2 = Fp2.sqr(yd);
  let xEn = Fp2.sub(xn2, xd2);
  let tv2 = Fp2.sub(xEn, xd2);
  xEn = Fp2.mul(xEn, xd2);
  xEn = Fp2.mul(xEn, yd);
  xEn = Fp2.mul(xEn, yn);
  xEn = Fp2.mul(xEn, _4n2);
  tv2 = Fp2.mul(tv2, xn2);
  tv2 = Fp2.mul(tv2, yd2);
  let tv3 = Fp2.mul(yn2, _4n2);
  let tv1 = Fp2.add(tv3, yd2);
  tv1 = Fp2.mul(tv1, xd4);
  let xEd = Fp2.add(tv1, tv2);
  tv2 = Fp2.mul(tv2, xn);
  let tv4 = Fp2.mul(xn, xd4);
  let yEn = Fp2.sub(tv3, yd2);
  yEn = Fp2.mul(yEn, tv4);
  yEn = Fp2.sub(yEn, tv2);
  tv1 = Fp2.add(xn2, xd2);
  tv1 = Fp2.mul(tv1, xd2);
  tv1 = Fp2.mul(tv1, xd);
  tv1 = Fp2.mul(tv1, yn2);
  tv1 = Fp2.mul(tv1, BigInt(-2));
  let yEd = Fp2.add(tv2, tv1);
  tv4 = Fp2.mul(tv4, yd2);
  yEd = Fp2.add(yEd, tv4);
  tv1 = Fp2.mul(xEd, yEd);
  let e = Fp2.eql(tv1, Fp2.ZERO);
  xEn = Fp2.cmov(xEn, Fp2.ZERO, e);
  xEd = Fp2.cmov(xEd, Fp2.ONE, e);
  yEn = Fp2.cmov(yEn, Fp2.ONE, e);
  yEd = Fp2.cmov(yEd, Fp2.ONE, e);
  const inv = FpInvertBatch(Fp2, [xEd, yEd], true);
  return { x: Fp2.mul(xEn, inv[0]), y: Fp2.mul(yEn, inv[1]) };
}
function calcElligatorDecafMap(r0) {
  const { d, p: P } = ed448_CURVE;
  const mod4 = (n) => Fp448.create(n);
  const r = mod4(-(r0 * r0));
  const u0 = mod4(d * (r - _1n9));
  const u1 = mod4((u0 + _1n9) * (u0 - r));
  const { isValid: was_square, value: v } = uvRatio2(ONE_MINUS_TWO_D, mod4((r + _1n9) * u1));
  let v_prime = v;
  if (!was_square)
    v_prime = mod4(r0 * v);
  let sgn = _1n9;
  if (!was_square)
    sgn = mod4(-_1n9);
  const s = mod4(v_prime * (r + _1n9));
  let s_abs = s;
  if (isNegativeLE(s, P))
    s_abs = mod4(-s);
  const s2 = s * s;
  const W0 = mod4(s_abs * _2n7);
  const W1 = mod4(s2 + _1n9);
  const W2 = mod4(s2 - _1n9);
  const W3 = mod4(v_prime * s * (r - _1n9) * ONE_MINUS_TWO_D + sgn);
  return new ed448_Point(mod4(W0 * W3), mod4(W2 * W1), mod4(W1 * W3), mod4(W0 * W2));
}
var ed448_CURVE_p, ed448_CURVE, E448_CURVE, shake256_114, shake256_64, _1n9, _2n7, _3n3, _4n2, _11n, _22n, _44n, _88n, _223n, Fp2, Fn2, Fp448, Fn448, ed448_Point, ed448, ed448ph, E448, x448, ELL2_C12, ELL2_J, ed448_hasher, ONE_MINUS_D, ONE_MINUS_TWO_D, SQRT_MINUS_D, INVSQRT_MINUS_D, invertSqrt2, _DecafPoint, decaf448, decaf448_hasher, decaf448_oprf, ED448_TORSION_SUBGROUP;
var init_ed448 = __esm({
  "node_modules/@noble/curves/ed448.js"() {
    init_sha3();
    init_utils2();
    init_edwards();
    init_hash_to_curve();
    init_modular();
    init_montgomery();
    init_oprf();
    init_utils3();
    ed448_CURVE_p = BigInt("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    ed448_CURVE = /* @__PURE__ */ (() => ({
      p: ed448_CURVE_p,
      n: BigInt("0x3fffffffffffffffffffffffffffffffffffffffffffffffffffffff7cca23e9c44edb49aed63690216cc2728dc58f552378c292ab5844f3"),
      h: BigInt(4),
      a: BigInt(1),
      d: BigInt("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffff6756"),
      Gx: BigInt("0x4f1970c66bed0ded221d15a622bf36da9e146570470f1767ea6de324a3d3a46412ae1af72ab66511433b80e18b00938e2626a82bc70cc05e"),
      Gy: BigInt("0x693f46716eb6bc248876203756c9c7624bea73736ca3984087789c1e05a0c2d73ad3ff1ce67c39c4fdbd132c4ed7c8ad9808795bf230fa14")
    }))();
    E448_CURVE = /* @__PURE__ */ (() => Object.assign({}, ed448_CURVE, {
      d: BigInt("0xd78b4bdc7f0daf19f24f38c29373a2ccad46157242a50f37809b1da3412a12e79ccc9c81264cfe9ad080997058fb61c4243cc32dbaa156b9"),
      Gx: BigInt("0x79a70b2b70400553ae7c9df416c792c61128751ac92969240c25a07d728bdc93e21f7787ed6972249de732f38496cd11698713093e9c04fc"),
      Gy: BigInt("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffff80000000000000000000000000000000000000000000000000000001")
    }))();
    shake256_114 = /* @__PURE__ */ createHasher2(() => shake2562.create({ dkLen: 114 }));
    shake256_64 = /* @__PURE__ */ createHasher2(() => shake2562.create({ dkLen: 64 }));
    _1n9 = BigInt(1);
    _2n7 = BigInt(2);
    _3n3 = BigInt(3);
    _4n2 = /* @__PURE__ */ BigInt(4);
    _11n = BigInt(11);
    _22n = BigInt(22);
    _44n = BigInt(44);
    _88n = BigInt(88);
    _223n = BigInt(223);
    Fp2 = /* @__PURE__ */ (() => Field(ed448_CURVE_p, { BITS: 456, isLE: true }))();
    Fn2 = /* @__PURE__ */ (() => Field(ed448_CURVE.n, { BITS: 456, isLE: true }))();
    Fp448 = /* @__PURE__ */ (() => Field(ed448_CURVE_p, { BITS: 448, isLE: true }))();
    Fn448 = /* @__PURE__ */ (() => Field(ed448_CURVE.n, { BITS: 448, isLE: true }))();
    ed448_Point = /* @__PURE__ */ edwards(ed448_CURVE, { Fp: Fp2, Fn: Fn2, uvRatio: uvRatio2 });
    ed448 = /* @__PURE__ */ ed4({});
    ed448ph = /* @__PURE__ */ ed4({ prehash: shake256_64 });
    E448 = /* @__PURE__ */ edwards(E448_CURVE);
    x448 = /* @__PURE__ */ (() => {
      const P = ed448_CURVE_p;
      return montgomery2({
        P,
        type: "x448",
        powPminus2: (x) => {
          const Pminus3div4 = ed448_pow_Pminus3div4(x);
          const Pminus3 = pow22(Pminus3div4, _2n7, P);
          return mod3(Pminus3 * x, P);
        },
        adjustScalarBytes: adjustScalarBytes2
      });
    })();
    ELL2_C12 = /* @__PURE__ */ (() => (ed448_CURVE_p - BigInt(3)) / BigInt(4))();
    ELL2_J = /* @__PURE__ */ BigInt(156326);
    ed448_hasher = /* @__PURE__ */ (() => createHasher3(ed448_Point, (scalars) => map_to_curve_elligator2_edwards448(scalars[0]), {
      DST: "edwards448_XOF:SHAKE256_ELL2_RO_",
      encodeDST: "edwards448_XOF:SHAKE256_ELL2_NU_",
      p: ed448_CURVE_p,
      m: 1,
      k: 224,
      expand: "xof",
      hash: shake2562
    }))();
    ONE_MINUS_D = /* @__PURE__ */ BigInt("39082");
    ONE_MINUS_TWO_D = /* @__PURE__ */ BigInt("78163");
    SQRT_MINUS_D = /* @__PURE__ */ BigInt("98944233647732219769177004876929019128417576295529901074099889598043702116001257856802131563896515373927712232092845883226922417596214");
    INVSQRT_MINUS_D = /* @__PURE__ */ BigInt("315019913931389607337177038330951043522456072897266928557328499619017160722351061360252776265186336876723201881398623946864393857820716");
    invertSqrt2 = (number) => uvRatio2(_1n9, number);
    _DecafPoint = class __DecafPoint extends PrimeEdwardsPoint {
      // The following gymnastics is done because typescript strips comments otherwise
      // prettier-ignore
      static BASE = /* @__PURE__ */ (() => new __DecafPoint(ed448_Point.BASE).multiplyUnsafe(_2n7))();
      // prettier-ignore
      static ZERO = /* @__PURE__ */ (() => new __DecafPoint(ed448_Point.ZERO))();
      // prettier-ignore
      static Fp = /* @__PURE__ */ (() => Fp448)();
      // prettier-ignore
      static Fn = /* @__PURE__ */ (() => Fn448)();
      constructor(ep) {
        super(ep);
      }
      static fromAffine(ap) {
        return new __DecafPoint(ed448_Point.fromAffine(ap));
      }
      assertSame(other) {
        if (!(other instanceof __DecafPoint))
          throw new Error("DecafPoint expected");
      }
      init(ep) {
        return new __DecafPoint(ep);
      }
      static fromBytes(bytes) {
        abytes3(bytes, 56);
        const { d, p: P } = ed448_CURVE;
        const mod4 = (n) => Fp448.create(n);
        const s = Fp448.fromBytes(bytes);
        if (!equalBytes2(Fn448.toBytes(s), bytes) || isNegativeLE(s, P))
          throw new Error("invalid decaf448 encoding 1");
        const s2 = mod4(s * s);
        const u1 = mod4(_1n9 + s2);
        const u1sq = mod4(u1 * u1);
        const u2 = mod4(u1sq - _4n2 * d * s2);
        const { isValid, value: invsqrt } = invertSqrt2(mod4(u2 * u1sq));
        let u3 = mod4((s + s) * invsqrt * u1 * SQRT_MINUS_D);
        if (isNegativeLE(u3, P))
          u3 = mod4(-u3);
        const x = mod4(u3 * invsqrt * u2 * INVSQRT_MINUS_D);
        const y = mod4((_1n9 - s2) * invsqrt * u1);
        const t = mod4(x * y);
        if (!isValid)
          throw new Error("invalid decaf448 encoding 2");
        return new __DecafPoint(new ed448_Point(x, y, _1n9, t));
      }
      /**
       * Converts decaf-encoded string to decaf point.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-decode-2).
       * @param hex Decaf-encoded 56 bytes. Not every 56-byte string is valid decaf encoding
       */
      static fromHex(hex) {
        return __DecafPoint.fromBytes(hexToBytes2(hex));
      }
      /**
       * Encodes decaf point to Uint8Array.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-encode-2).
       */
      toBytes() {
        const { X, Z, T } = this.ep;
        const P = ed448_CURVE.p;
        const mod4 = (n) => Fp448.create(n);
        const u1 = mod4(mod4(X + T) * mod4(X - T));
        const x2 = mod4(X * X);
        const { value: invsqrt } = invertSqrt2(mod4(u1 * ONE_MINUS_D * x2));
        let ratio = mod4(invsqrt * u1 * SQRT_MINUS_D);
        if (isNegativeLE(ratio, P))
          ratio = mod4(-ratio);
        const u2 = mod4(INVSQRT_MINUS_D * ratio * Z - T);
        let s = mod4(ONE_MINUS_D * invsqrt * X * u2);
        if (isNegativeLE(s, P))
          s = mod4(-s);
        return Fn448.toBytes(s);
      }
      /**
       * Compare one point to another.
       * Described in [RFC9496](https://www.rfc-editor.org/rfc/rfc9496#name-equals-2).
       */
      equals(other) {
        this.assertSame(other);
        const { X: X1, Y: Y1 } = this.ep;
        const { X: X2, Y: Y2 } = other.ep;
        return Fp448.create(X1 * Y2) === Fp448.create(Y1 * X2);
      }
      is0() {
        return this.equals(__DecafPoint.ZERO);
      }
    };
    decaf448 = { Point: _DecafPoint };
    decaf448_hasher = {
      Point: _DecafPoint,
      hashToCurve(msg, options) {
        const DST = options?.DST || "decaf448_XOF:SHAKE256_D448MAP_RO_";
        return decaf448_hasher.deriveToCurve(expand_message_xof(msg, DST, 112, 224, shake2562));
      },
      /**
       * Warning: has big modulo bias of 2^-64.
       * RFC is invalid. RFC says "use 64-byte xof", while for 2^-112 bias
       * it must use 84-byte xof (56+56/2), not 64.
       */
      hashToScalar(msg, options = { DST: _DST_scalar }) {
        const xof = expand_message_xof(msg, options.DST, 64, 256, shake2562);
        return Fn448.create(bytesToNumberLE2(xof));
      },
      /**
       * HashToCurve-like construction based on RFC 9496 (Element Derivation).
       * Converts 112 uniform random bytes into a curve point.
       *
       * WARNING: This represents an older hash-to-curve construction, preceding the finalization of RFC 9380.
       * It was later reused as a component in the newer `hash_to_ristretto255` function defined in RFC 9380.
       */
      deriveToCurve(bytes) {
        abytes3(bytes, 112);
        const skipValidation = true;
        const r1 = Fp448.create(Fp448.fromBytes(bytes.subarray(0, 56), skipValidation));
        const R1 = calcElligatorDecafMap(r1);
        const r2 = Fp448.create(Fp448.fromBytes(bytes.subarray(56, 112), skipValidation));
        const R2 = calcElligatorDecafMap(r2);
        return new _DecafPoint(R1.add(R2));
      }
    };
    decaf448_oprf = /* @__PURE__ */ (() => createORPF({
      name: "decaf448-SHAKE256",
      Point: _DecafPoint,
      hash: (msg) => shake2562(msg, { dkLen: 64 }),
      hashToGroup: decaf448_hasher.hashToCurve,
      hashToScalar: decaf448_hasher.hashToScalar
    }))();
    ED448_TORSION_SUBGROUP = [
      "010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "fefffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffff00",
      "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080"
    ];
  }
});

// node_modules/@noble/hashes/hmac.js
var _HMAC2, hmac2;
var init_hmac = __esm({
  "node_modules/@noble/hashes/hmac.js"() {
    init_utils2();
    _HMAC2 = class {
      oHash;
      iHash;
      blockLen;
      outputLen;
      finished = false;
      destroyed = false;
      constructor(hash, key) {
        ahash2(hash);
        abytes3(key, void 0, "key");
        this.iHash = hash.create();
        if (typeof this.iHash.update !== "function")
          throw new Error("Expected instance of class which extends utils.Hash");
        this.blockLen = this.iHash.blockLen;
        this.outputLen = this.iHash.outputLen;
        const blockLen = this.blockLen;
        const pad = new Uint8Array(blockLen);
        pad.set(key.length > blockLen ? hash.create().update(key).digest() : key);
        for (let i = 0; i < pad.length; i++)
          pad[i] ^= 54;
        this.iHash.update(pad);
        this.oHash = hash.create();
        for (let i = 0; i < pad.length; i++)
          pad[i] ^= 54 ^ 92;
        this.oHash.update(pad);
        clean3(pad);
      }
      update(buf) {
        aexists3(this);
        this.iHash.update(buf);
        return this;
      }
      digestInto(out) {
        aexists3(this);
        abytes3(out, this.outputLen, "output");
        this.finished = true;
        this.iHash.digestInto(out);
        this.oHash.update(out);
        this.oHash.digestInto(out);
        this.destroy();
      }
      digest() {
        const out = new Uint8Array(this.oHash.outputLen);
        this.digestInto(out);
        return out;
      }
      _cloneInto(to) {
        to ||= Object.create(Object.getPrototypeOf(this), {});
        const { oHash, iHash, finished: finished2, destroyed, blockLen, outputLen } = this;
        to = to;
        to.finished = finished2;
        to.destroyed = destroyed;
        to.blockLen = blockLen;
        to.outputLen = outputLen;
        to.oHash = oHash._cloneInto(to.oHash);
        to.iHash = iHash._cloneInto(to.iHash);
        return to;
      }
      clone() {
        return this._cloneInto();
      }
      destroy() {
        this.destroyed = true;
        this.oHash.destroy();
        this.iHash.destroy();
      }
    };
    hmac2 = (hash, key, message) => new _HMAC2(hash, key).update(message).digest();
    hmac2.create = (hash, key) => new _HMAC2(hash, key);
  }
});

// node_modules/@noble/curves/abstract/weierstrass.js
function _splitEndoScalar(k, basis, n) {
  const [[a1, b1], [a2, b2]] = basis;
  const c1 = divNearest(b2 * k, n);
  const c2 = divNearest(-b1 * k, n);
  let k1 = k - c1 * a1 - c2 * a2;
  let k2 = -c1 * b1 - c2 * b2;
  const k1neg = k1 < _0n9;
  const k2neg = k2 < _0n9;
  if (k1neg)
    k1 = -k1;
  if (k2neg)
    k2 = -k2;
  const MAX_NUM = bitMask(Math.ceil(bitLen(n) / 2)) + _1n10;
  if (k1 < _0n9 || k1 >= MAX_NUM || k2 < _0n9 || k2 >= MAX_NUM) {
    throw new Error("splitScalar (endomorphism): failed, k=" + k);
  }
  return { k1neg, k1, k2neg, k2 };
}
function validateSigFormat(format) {
  if (!["compact", "recovered", "der"].includes(format))
    throw new Error('Signature format must be "compact", "recovered", or "der"');
  return format;
}
function validateSigOpts(opts, def) {
  const optsn = {};
  for (let optName of Object.keys(def)) {
    optsn[optName] = opts[optName] === void 0 ? def[optName] : opts[optName];
  }
  abool2(optsn.lowS, "lowS");
  abool2(optsn.prehash, "prehash");
  if (optsn.format !== void 0)
    validateSigFormat(optsn.format);
  return optsn;
}
function weierstrass(params, extraOpts = {}) {
  const validated = createCurveFields("weierstrass", params, extraOpts);
  const { Fp: Fp3, Fn: Fn3 } = validated;
  let CURVE = validated.CURVE;
  const { h: cofactor, n: CURVE_ORDER } = CURVE;
  validateObject2(extraOpts, {}, {
    allowInfinityPoint: "boolean",
    clearCofactor: "function",
    isTorsionFree: "function",
    fromBytes: "function",
    toBytes: "function",
    endo: "object"
  });
  const { endo } = extraOpts;
  if (endo) {
    if (!Fp3.is0(CURVE.a) || typeof endo.beta !== "bigint" || !Array.isArray(endo.basises)) {
      throw new Error('invalid endo: expected "beta": bigint and "basises": array');
    }
  }
  const lengths = getWLengths(Fp3, Fn3);
  function assertCompressionIsSupported() {
    if (!Fp3.isOdd)
      throw new Error("compression is not supported: Field does not have .isOdd()");
  }
  function pointToBytes(_c, point, isCompressed) {
    const { x, y } = point.toAffine();
    const bx = Fp3.toBytes(x);
    abool2(isCompressed, "isCompressed");
    if (isCompressed) {
      assertCompressionIsSupported();
      const hasEvenY = !Fp3.isOdd(y);
      return concatBytes2(pprefix(hasEvenY), bx);
    } else {
      return concatBytes2(Uint8Array.of(4), bx, Fp3.toBytes(y));
    }
  }
  function pointFromBytes(bytes) {
    abytes3(bytes, void 0, "Point");
    const { publicKey: comp, publicKeyUncompressed: uncomp } = lengths;
    const length = bytes.length;
    const head = bytes[0];
    const tail = bytes.subarray(1);
    if (length === comp && (head === 2 || head === 3)) {
      const x = Fp3.fromBytes(tail);
      if (!Fp3.isValid(x))
        throw new Error("bad point: is not on curve, wrong x");
      const y2 = weierstrassEquation(x);
      let y;
      try {
        y = Fp3.sqrt(y2);
      } catch (sqrtError) {
        const err = sqrtError instanceof Error ? ": " + sqrtError.message : "";
        throw new Error("bad point: is not on curve, sqrt error" + err);
      }
      assertCompressionIsSupported();
      const evenY = Fp3.isOdd(y);
      const evenH = (head & 1) === 1;
      if (evenH !== evenY)
        y = Fp3.neg(y);
      return { x, y };
    } else if (length === uncomp && head === 4) {
      const L = Fp3.BYTES;
      const x = Fp3.fromBytes(tail.subarray(0, L));
      const y = Fp3.fromBytes(tail.subarray(L, L * 2));
      if (!isValidXY(x, y))
        throw new Error("bad point: is not on curve");
      return { x, y };
    } else {
      throw new Error(`bad point: got length ${length}, expected compressed=${comp} or uncompressed=${uncomp}`);
    }
  }
  const encodePoint = extraOpts.toBytes || pointToBytes;
  const decodePoint = extraOpts.fromBytes || pointFromBytes;
  function weierstrassEquation(x) {
    const x2 = Fp3.sqr(x);
    const x3 = Fp3.mul(x2, x);
    return Fp3.add(Fp3.add(x3, Fp3.mul(x, CURVE.a)), CURVE.b);
  }
  function isValidXY(x, y) {
    const left2 = Fp3.sqr(y);
    const right2 = weierstrassEquation(x);
    return Fp3.eql(left2, right2);
  }
  if (!isValidXY(CURVE.Gx, CURVE.Gy))
    throw new Error("bad curve params: generator point");
  const _4a3 = Fp3.mul(Fp3.pow(CURVE.a, _3n4), _4n3);
  const _27b2 = Fp3.mul(Fp3.sqr(CURVE.b), BigInt(27));
  if (Fp3.is0(Fp3.add(_4a3, _27b2)))
    throw new Error("bad curve params: a or b");
  function acoord(title, n, banZero = false) {
    if (!Fp3.isValid(n) || banZero && Fp3.is0(n))
      throw new Error(`bad point coordinate ${title}`);
    return n;
  }
  function aprjpoint(other) {
    if (!(other instanceof Point))
      throw new Error("Weierstrass Point expected");
  }
  function splitEndoScalarN(k) {
    if (!endo || !endo.basises)
      throw new Error("no endo");
    return _splitEndoScalar(k, endo.basises, Fn3.ORDER);
  }
  const toAffineMemo = memoized((p, iz) => {
    const { X, Y, Z } = p;
    if (Fp3.eql(Z, Fp3.ONE))
      return { x: X, y: Y };
    const is0 = p.is0();
    if (iz == null)
      iz = is0 ? Fp3.ONE : Fp3.inv(Z);
    const x = Fp3.mul(X, iz);
    const y = Fp3.mul(Y, iz);
    const zz = Fp3.mul(Z, iz);
    if (is0)
      return { x: Fp3.ZERO, y: Fp3.ZERO };
    if (!Fp3.eql(zz, Fp3.ONE))
      throw new Error("invZ was invalid");
    return { x, y };
  });
  const assertValidMemo = memoized((p) => {
    if (p.is0()) {
      if (extraOpts.allowInfinityPoint && !Fp3.is0(p.Y))
        return;
      throw new Error("bad point: ZERO");
    }
    const { x, y } = p.toAffine();
    if (!Fp3.isValid(x) || !Fp3.isValid(y))
      throw new Error("bad point: x or y not field elements");
    if (!isValidXY(x, y))
      throw new Error("bad point: equation left != right");
    if (!p.isTorsionFree())
      throw new Error("bad point: not in prime-order subgroup");
    return true;
  });
  function finishEndo(endoBeta, k1p, k2p, k1neg, k2neg) {
    k2p = new Point(Fp3.mul(k2p.X, endoBeta), k2p.Y, k2p.Z);
    k1p = negateCt(k1neg, k1p);
    k2p = negateCt(k2neg, k2p);
    return k1p.add(k2p);
  }
  class Point {
    // base / generator point
    static BASE = new Point(CURVE.Gx, CURVE.Gy, Fp3.ONE);
    // zero / infinity / identity point
    static ZERO = new Point(Fp3.ZERO, Fp3.ONE, Fp3.ZERO);
    // 0, 1, 0
    // math field
    static Fp = Fp3;
    // scalar field
    static Fn = Fn3;
    X;
    Y;
    Z;
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    constructor(X, Y, Z) {
      this.X = acoord("x", X);
      this.Y = acoord("y", Y, true);
      this.Z = acoord("z", Z);
      Object.freeze(this);
    }
    static CURVE() {
      return CURVE;
    }
    /** Does NOT validate if the point is valid. Use `.assertValidity()`. */
    static fromAffine(p) {
      const { x, y } = p || {};
      if (!p || !Fp3.isValid(x) || !Fp3.isValid(y))
        throw new Error("invalid affine point");
      if (p instanceof Point)
        throw new Error("projective point not allowed");
      if (Fp3.is0(x) && Fp3.is0(y))
        return Point.ZERO;
      return new Point(x, y, Fp3.ONE);
    }
    static fromBytes(bytes) {
      const P = Point.fromAffine(decodePoint(abytes3(bytes, void 0, "point")));
      P.assertValidity();
      return P;
    }
    static fromHex(hex) {
      return Point.fromBytes(hexToBytes2(hex));
    }
    get x() {
      return this.toAffine().x;
    }
    get y() {
      return this.toAffine().y;
    }
    /**
     *
     * @param windowSize
     * @param isLazy true will defer table computation until the first multiplication
     * @returns
     */
    precompute(windowSize = 8, isLazy = true) {
      wnaf.createCache(this, windowSize);
      if (!isLazy)
        this.multiply(_3n4);
      return this;
    }
    // TODO: return `this`
    /** A point on curve is valid if it conforms to equation. */
    assertValidity() {
      assertValidMemo(this);
    }
    hasEvenY() {
      const { y } = this.toAffine();
      if (!Fp3.isOdd)
        throw new Error("Field doesn't support isOdd");
      return !Fp3.isOdd(y);
    }
    /** Compare one point to another. */
    equals(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      const U1 = Fp3.eql(Fp3.mul(X1, Z2), Fp3.mul(X2, Z1));
      const U2 = Fp3.eql(Fp3.mul(Y1, Z2), Fp3.mul(Y2, Z1));
      return U1 && U2;
    }
    /** Flips point to one corresponding to (x, -y) in Affine coordinates. */
    negate() {
      return new Point(this.X, Fp3.neg(this.Y), this.Z);
    }
    // Renes-Costello-Batina exception-free doubling formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 3
    // Cost: 8M + 3S + 3*a + 2*b3 + 15add.
    double() {
      const { a, b } = CURVE;
      const b3 = Fp3.mul(b, _3n4);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      let t0 = Fp3.mul(X1, X1);
      let t1 = Fp3.mul(Y1, Y1);
      let t2 = Fp3.mul(Z1, Z1);
      let t3 = Fp3.mul(X1, Y1);
      t3 = Fp3.add(t3, t3);
      Z3 = Fp3.mul(X1, Z1);
      Z3 = Fp3.add(Z3, Z3);
      X3 = Fp3.mul(a, Z3);
      Y3 = Fp3.mul(b3, t2);
      Y3 = Fp3.add(X3, Y3);
      X3 = Fp3.sub(t1, Y3);
      Y3 = Fp3.add(t1, Y3);
      Y3 = Fp3.mul(X3, Y3);
      X3 = Fp3.mul(t3, X3);
      Z3 = Fp3.mul(b3, Z3);
      t2 = Fp3.mul(a, t2);
      t3 = Fp3.sub(t0, t2);
      t3 = Fp3.mul(a, t3);
      t3 = Fp3.add(t3, Z3);
      Z3 = Fp3.add(t0, t0);
      t0 = Fp3.add(Z3, t0);
      t0 = Fp3.add(t0, t2);
      t0 = Fp3.mul(t0, t3);
      Y3 = Fp3.add(Y3, t0);
      t2 = Fp3.mul(Y1, Z1);
      t2 = Fp3.add(t2, t2);
      t0 = Fp3.mul(t2, t3);
      X3 = Fp3.sub(X3, t0);
      Z3 = Fp3.mul(t2, t1);
      Z3 = Fp3.add(Z3, Z3);
      Z3 = Fp3.add(Z3, Z3);
      return new Point(X3, Y3, Z3);
    }
    // Renes-Costello-Batina exception-free addition formula.
    // There is 30% faster Jacobian formula, but it is not complete.
    // https://eprint.iacr.org/2015/1060, algorithm 1
    // Cost: 12M + 0S + 3*a + 3*b3 + 23add.
    add(other) {
      aprjpoint(other);
      const { X: X1, Y: Y1, Z: Z1 } = this;
      const { X: X2, Y: Y2, Z: Z2 } = other;
      let X3 = Fp3.ZERO, Y3 = Fp3.ZERO, Z3 = Fp3.ZERO;
      const a = CURVE.a;
      const b3 = Fp3.mul(CURVE.b, _3n4);
      let t0 = Fp3.mul(X1, X2);
      let t1 = Fp3.mul(Y1, Y2);
      let t2 = Fp3.mul(Z1, Z2);
      let t3 = Fp3.add(X1, Y1);
      let t4 = Fp3.add(X2, Y2);
      t3 = Fp3.mul(t3, t4);
      t4 = Fp3.add(t0, t1);
      t3 = Fp3.sub(t3, t4);
      t4 = Fp3.add(X1, Z1);
      let t5 = Fp3.add(X2, Z2);
      t4 = Fp3.mul(t4, t5);
      t5 = Fp3.add(t0, t2);
      t4 = Fp3.sub(t4, t5);
      t5 = Fp3.add(Y1, Z1);
      X3 = Fp3.add(Y2, Z2);
      t5 = Fp3.mul(t5, X3);
      X3 = Fp3.add(t1, t2);
      t5 = Fp3.sub(t5, X3);
      Z3 = Fp3.mul(a, t4);
      X3 = Fp3.mul(b3, t2);
      Z3 = Fp3.add(X3, Z3);
      X3 = Fp3.sub(t1, Z3);
      Z3 = Fp3.add(t1, Z3);
      Y3 = Fp3.mul(X3, Z3);
      t1 = Fp3.add(t0, t0);
      t1 = Fp3.add(t1, t0);
      t2 = Fp3.mul(a, t2);
      t4 = Fp3.mul(b3, t4);
      t1 = Fp3.add(t1, t2);
      t2 = Fp3.sub(t0, t2);
      t2 = Fp3.mul(a, t2);
      t4 = Fp3.add(t4, t2);
      t0 = Fp3.mul(t1, t4);
      Y3 = Fp3.add(Y3, t0);
      t0 = Fp3.mul(t5, t4);
      X3 = Fp3.mul(t3, X3);
      X3 = Fp3.sub(X3, t0);
      t0 = Fp3.mul(t3, t1);
      Z3 = Fp3.mul(t5, Z3);
      Z3 = Fp3.add(Z3, t0);
      return new Point(X3, Y3, Z3);
    }
    subtract(other) {
      return this.add(other.negate());
    }
    is0() {
      return this.equals(Point.ZERO);
    }
    /**
     * Constant time multiplication.
     * Uses wNAF method. Windowed method may be 10% faster,
     * but takes 2x longer to generate and consumes 2x memory.
     * Uses precomputes when available.
     * Uses endomorphism for Koblitz curves.
     * @param scalar by which the point would be multiplied
     * @returns New point
     */
    multiply(scalar) {
      const { endo: endo2 } = extraOpts;
      if (!Fn3.isValidNot0(scalar))
        throw new Error("invalid scalar: out of range");
      let point, fake;
      const mul = (n) => wnaf.cached(this, n, (p) => normalizeZ(Point, p));
      if (endo2) {
        const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(scalar);
        const { p: k1p, f: k1f } = mul(k1);
        const { p: k2p, f: k2f } = mul(k2);
        fake = k1f.add(k2f);
        point = finishEndo(endo2.beta, k1p, k2p, k1neg, k2neg);
      } else {
        const { p, f } = mul(scalar);
        point = p;
        fake = f;
      }
      return normalizeZ(Point, [point, fake])[0];
    }
    /**
     * Non-constant-time multiplication. Uses double-and-add algorithm.
     * It's faster, but should only be used when you don't care about
     * an exposed secret key e.g. sig verification, which works over *public* keys.
     */
    multiplyUnsafe(sc) {
      const { endo: endo2 } = extraOpts;
      const p = this;
      if (!Fn3.isValid(sc))
        throw new Error("invalid scalar: out of range");
      if (sc === _0n9 || p.is0())
        return Point.ZERO;
      if (sc === _1n10)
        return p;
      if (wnaf.hasCache(this))
        return this.multiply(sc);
      if (endo2) {
        const { k1neg, k1, k2neg, k2 } = splitEndoScalarN(sc);
        const { p1, p2 } = mulEndoUnsafe(Point, p, k1, k2);
        return finishEndo(endo2.beta, p1, p2, k1neg, k2neg);
      } else {
        return wnaf.unsafe(p, sc);
      }
    }
    /**
     * Converts Projective point to affine (x, y) coordinates.
     * @param invertedZ Z^-1 (inverted zero) - optional, precomputation is useful for invertBatch
     */
    toAffine(invertedZ) {
      return toAffineMemo(this, invertedZ);
    }
    /**
     * Checks whether Point is free of torsion elements (is in prime subgroup).
     * Always torsion-free for cofactor=1 curves.
     */
    isTorsionFree() {
      const { isTorsionFree } = extraOpts;
      if (cofactor === _1n10)
        return true;
      if (isTorsionFree)
        return isTorsionFree(Point, this);
      return wnaf.unsafe(this, CURVE_ORDER).is0();
    }
    clearCofactor() {
      const { clearCofactor } = extraOpts;
      if (cofactor === _1n10)
        return this;
      if (clearCofactor)
        return clearCofactor(Point, this);
      return this.multiplyUnsafe(cofactor);
    }
    isSmallOrder() {
      return this.multiplyUnsafe(cofactor).is0();
    }
    toBytes(isCompressed = true) {
      abool2(isCompressed, "isCompressed");
      this.assertValidity();
      return encodePoint(Point, this, isCompressed);
    }
    toHex(isCompressed = true) {
      return bytesToHex2(this.toBytes(isCompressed));
    }
    toString() {
      return `<Point ${this.is0() ? "ZERO" : this.toHex()}>`;
    }
  }
  const bits = Fn3.BITS;
  const wnaf = new wNAF(Point, extraOpts.endo ? Math.ceil(bits / 2) : bits);
  Point.BASE.precompute(8);
  return Point;
}
function pprefix(hasEvenY) {
  return Uint8Array.of(hasEvenY ? 2 : 3);
}
function SWUFpSqrtRatio(Fp3, Z) {
  const q = Fp3.ORDER;
  let l = _0n9;
  for (let o = q - _1n10; o % _2n8 === _0n9; o /= _2n8)
    l += _1n10;
  const c1 = l;
  const _2n_pow_c1_1 = _2n8 << c1 - _1n10 - _1n10;
  const _2n_pow_c1 = _2n_pow_c1_1 * _2n8;
  const c2 = (q - _1n10) / _2n_pow_c1;
  const c3 = (c2 - _1n10) / _2n8;
  const c4 = _2n_pow_c1 - _1n10;
  const c5 = _2n_pow_c1_1;
  const c6 = Fp3.pow(Z, c2);
  const c7 = Fp3.pow(Z, (c2 + _1n10) / _2n8);
  let sqrtRatio = (u, v) => {
    let tv1 = c6;
    let tv2 = Fp3.pow(v, c4);
    let tv3 = Fp3.sqr(tv2);
    tv3 = Fp3.mul(tv3, v);
    let tv5 = Fp3.mul(u, tv3);
    tv5 = Fp3.pow(tv5, c3);
    tv5 = Fp3.mul(tv5, tv2);
    tv2 = Fp3.mul(tv5, v);
    tv3 = Fp3.mul(tv5, u);
    let tv4 = Fp3.mul(tv3, tv2);
    tv5 = Fp3.pow(tv4, c5);
    let isQR = Fp3.eql(tv5, Fp3.ONE);
    tv2 = Fp3.mul(tv3, c7);
    tv5 = Fp3.mul(tv4, tv1);
    tv3 = Fp3.cmov(tv2, tv3, isQR);
    tv4 = Fp3.cmov(tv5, tv4, isQR);
    for (let i = c1; i > _1n10; i--) {
      let tv52 = i - _2n8;
      tv52 = _2n8 << tv52 - _1n10;
      let tvv5 = Fp3.pow(tv4, tv52);
      const e1 = Fp3.eql(tvv5, Fp3.ONE);
      tv2 = Fp3.mul(tv3, tv1);
      tv1 = Fp3.mul(tv1, tv1);
      tvv5 = Fp3.mul(tv4, tv1);
      tv3 = Fp3.cmov(tv2, tv3, e1);
      tv4 = Fp3.cmov(tvv5, tv4, e1);
    }
    return { isValid: isQR, value: tv3 };
  };
  if (Fp3.ORDER % _4n3 === _3n4) {
    const c12 = (Fp3.ORDER - _3n4) / _4n3;
    const c22 = Fp3.sqrt(Fp3.neg(Z));
    sqrtRatio = (u, v) => {
      let tv1 = Fp3.sqr(v);
      const tv2 = Fp3.mul(u, v);
      tv1 = Fp3.mul(tv1, tv2);
      let y1 = Fp3.pow(tv1, c12);
      y1 = Fp3.mul(y1, tv2);
      const y2 = Fp3.mul(y1, c22);
      const tv3 = Fp3.mul(Fp3.sqr(y1), v);
      const isQR = Fp3.eql(tv3, u);
      let y = Fp3.cmov(y2, y1, isQR);
      return { isValid: isQR, value: y };
    };
  }
  return sqrtRatio;
}
function mapToCurveSimpleSWU(Fp3, opts) {
  validateField(Fp3);
  const { A, B, Z } = opts;
  if (!Fp3.isValid(A) || !Fp3.isValid(B) || !Fp3.isValid(Z))
    throw new Error("mapToCurveSimpleSWU: invalid opts");
  const sqrtRatio = SWUFpSqrtRatio(Fp3, Z);
  if (!Fp3.isOdd)
    throw new Error("Field does not have .isOdd()");
  return (u) => {
    let tv1, tv2, tv3, tv4, tv5, tv6, x, y;
    tv1 = Fp3.sqr(u);
    tv1 = Fp3.mul(tv1, Z);
    tv2 = Fp3.sqr(tv1);
    tv2 = Fp3.add(tv2, tv1);
    tv3 = Fp3.add(tv2, Fp3.ONE);
    tv3 = Fp3.mul(tv3, B);
    tv4 = Fp3.cmov(Z, Fp3.neg(tv2), !Fp3.eql(tv2, Fp3.ZERO));
    tv4 = Fp3.mul(tv4, A);
    tv2 = Fp3.sqr(tv3);
    tv6 = Fp3.sqr(tv4);
    tv5 = Fp3.mul(tv6, A);
    tv2 = Fp3.add(tv2, tv5);
    tv2 = Fp3.mul(tv2, tv3);
    tv6 = Fp3.mul(tv6, tv4);
    tv5 = Fp3.mul(tv6, B);
    tv2 = Fp3.add(tv2, tv5);
    x = Fp3.mul(tv1, tv3);
    const { isValid, value } = sqrtRatio(tv2, tv6);
    y = Fp3.mul(tv1, u);
    y = Fp3.mul(y, value);
    x = Fp3.cmov(x, tv3, isValid);
    y = Fp3.cmov(y, value, isValid);
    const e1 = Fp3.isOdd(u) === Fp3.isOdd(y);
    y = Fp3.cmov(Fp3.neg(y), y, e1);
    const tv4_inv = FpInvertBatch(Fp3, [tv4], true)[0];
    x = Fp3.mul(x, tv4_inv);
    return { x, y };
  };
}
function getWLengths(Fp3, Fn3) {
  return {
    secretKey: Fn3.BYTES,
    publicKey: 1 + Fp3.BYTES,
    publicKeyUncompressed: 1 + 2 * Fp3.BYTES,
    publicKeyHasPrefix: true,
    signature: 2 * Fn3.BYTES
  };
}
function ecdh(Point, ecdhOpts = {}) {
  const { Fn: Fn3 } = Point;
  const randomBytes_ = ecdhOpts.randomBytes || randomBytes2;
  const lengths = Object.assign(getWLengths(Point.Fp, Fn3), { seed: getMinHashLength(Fn3.ORDER) });
  function isValidSecretKey(secretKey) {
    try {
      const num2 = Fn3.fromBytes(secretKey);
      return Fn3.isValidNot0(num2);
    } catch (error) {
      return false;
    }
  }
  function isValidPublicKey(publicKey, isCompressed) {
    const { publicKey: comp, publicKeyUncompressed } = lengths;
    try {
      const l = publicKey.length;
      if (isCompressed === true && l !== comp)
        return false;
      if (isCompressed === false && l !== publicKeyUncompressed)
        return false;
      return !!Point.fromBytes(publicKey);
    } catch (error) {
      return false;
    }
  }
  function randomSecretKey(seed = randomBytes_(lengths.seed)) {
    return mapHashToField(abytes3(seed, lengths.seed, "seed"), Fn3.ORDER);
  }
  function getPublicKey(secretKey, isCompressed = true) {
    return Point.BASE.multiply(Fn3.fromBytes(secretKey)).toBytes(isCompressed);
  }
  function isProbPub(item) {
    const { secretKey, publicKey, publicKeyUncompressed } = lengths;
    if (!isBytes3(item))
      return void 0;
    if ("_lengths" in Fn3 && Fn3._lengths || secretKey === publicKey)
      return void 0;
    const l = abytes3(item, void 0, "key").length;
    return l === publicKey || l === publicKeyUncompressed;
  }
  function getSharedSecret(secretKeyA, publicKeyB, isCompressed = true) {
    if (isProbPub(secretKeyA) === true)
      throw new Error("first arg must be private key");
    if (isProbPub(publicKeyB) === false)
      throw new Error("second arg must be public key");
    const s = Fn3.fromBytes(secretKeyA);
    const b = Point.fromBytes(publicKeyB);
    return b.multiply(s).toBytes(isCompressed);
  }
  const utils = {
    isValidSecretKey,
    isValidPublicKey,
    randomSecretKey
  };
  const keygen = createKeygen2(randomSecretKey, getPublicKey);
  return Object.freeze({ getPublicKey, getSharedSecret, keygen, Point, utils, lengths });
}
function ecdsa(Point, hash, ecdsaOpts = {}) {
  ahash2(hash);
  validateObject2(ecdsaOpts, {}, {
    hmac: "function",
    lowS: "boolean",
    randomBytes: "function",
    bits2int: "function",
    bits2int_modN: "function"
  });
  ecdsaOpts = Object.assign({}, ecdsaOpts);
  const randomBytes3 = ecdsaOpts.randomBytes || randomBytes2;
  const hmac3 = ecdsaOpts.hmac || ((key, msg) => hmac2(hash, key, msg));
  const { Fp: Fp3, Fn: Fn3 } = Point;
  const { ORDER: CURVE_ORDER, BITS: fnBits } = Fn3;
  const { keygen, getPublicKey, getSharedSecret, utils, lengths } = ecdh(Point, ecdsaOpts);
  const defaultSigOpts = {
    prehash: true,
    lowS: typeof ecdsaOpts.lowS === "boolean" ? ecdsaOpts.lowS : true,
    format: "compact",
    extraEntropy: false
  };
  const hasLargeCofactor = CURVE_ORDER * _2n8 < Fp3.ORDER;
  function isBiggerThanHalfOrder(number) {
    const HALF = CURVE_ORDER >> _1n10;
    return number > HALF;
  }
  function validateRS(title, num2) {
    if (!Fn3.isValidNot0(num2))
      throw new Error(`invalid signature ${title}: out of range 1..Point.Fn.ORDER`);
    return num2;
  }
  function assertSmallCofactor() {
    if (hasLargeCofactor)
      throw new Error('"recovered" sig type is not supported for cofactor >2 curves');
  }
  function validateSigLength(bytes, format) {
    validateSigFormat(format);
    const size = lengths.signature;
    const sizer = format === "compact" ? size : format === "recovered" ? size + 1 : void 0;
    return abytes3(bytes, sizer);
  }
  class Signature {
    r;
    s;
    recovery;
    constructor(r, s, recovery) {
      this.r = validateRS("r", r);
      this.s = validateRS("s", s);
      if (recovery != null) {
        assertSmallCofactor();
        if (![0, 1, 2, 3].includes(recovery))
          throw new Error("invalid recovery id");
        this.recovery = recovery;
      }
      Object.freeze(this);
    }
    static fromBytes(bytes, format = defaultSigOpts.format) {
      validateSigLength(bytes, format);
      let recid;
      if (format === "der") {
        const { r: r2, s: s2 } = DER.toSig(abytes3(bytes));
        return new Signature(r2, s2);
      }
      if (format === "recovered") {
        recid = bytes[0];
        format = "compact";
        bytes = bytes.subarray(1);
      }
      const L = lengths.signature / 2;
      const r = bytes.subarray(0, L);
      const s = bytes.subarray(L, L * 2);
      return new Signature(Fn3.fromBytes(r), Fn3.fromBytes(s), recid);
    }
    static fromHex(hex, format) {
      return this.fromBytes(hexToBytes2(hex), format);
    }
    assertRecovery() {
      const { recovery } = this;
      if (recovery == null)
        throw new Error("invalid recovery id: must be present");
      return recovery;
    }
    addRecoveryBit(recovery) {
      return new Signature(this.r, this.s, recovery);
    }
    recoverPublicKey(messageHash) {
      const { r, s } = this;
      const recovery = this.assertRecovery();
      const radj = recovery === 2 || recovery === 3 ? r + CURVE_ORDER : r;
      if (!Fp3.isValid(radj))
        throw new Error("invalid recovery id: sig.r+curve.n != R.x");
      const x = Fp3.toBytes(radj);
      const R = Point.fromBytes(concatBytes2(pprefix((recovery & 1) === 0), x));
      const ir = Fn3.inv(radj);
      const h = bits2int_modN(abytes3(messageHash, void 0, "msgHash"));
      const u1 = Fn3.create(-h * ir);
      const u2 = Fn3.create(s * ir);
      const Q = Point.BASE.multiplyUnsafe(u1).add(R.multiplyUnsafe(u2));
      if (Q.is0())
        throw new Error("invalid recovery: point at infinify");
      Q.assertValidity();
      return Q;
    }
    // Signatures should be low-s, to prevent malleability.
    hasHighS() {
      return isBiggerThanHalfOrder(this.s);
    }
    toBytes(format = defaultSigOpts.format) {
      validateSigFormat(format);
      if (format === "der")
        return hexToBytes2(DER.hexFromSig(this));
      const { r, s } = this;
      const rb = Fn3.toBytes(r);
      const sb = Fn3.toBytes(s);
      if (format === "recovered") {
        assertSmallCofactor();
        return concatBytes2(Uint8Array.of(this.assertRecovery()), rb, sb);
      }
      return concatBytes2(rb, sb);
    }
    toHex(format) {
      return bytesToHex2(this.toBytes(format));
    }
  }
  const bits2int = ecdsaOpts.bits2int || function bits2int_def(bytes) {
    if (bytes.length > 8192)
      throw new Error("input is too large");
    const num2 = bytesToNumberBE(bytes);
    const delta = bytes.length * 8 - fnBits;
    return delta > 0 ? num2 >> BigInt(delta) : num2;
  };
  const bits2int_modN = ecdsaOpts.bits2int_modN || function bits2int_modN_def(bytes) {
    return Fn3.create(bits2int(bytes));
  };
  const ORDER_MASK = bitMask(fnBits);
  function int2octets(num2) {
    aInRange2("num < 2^" + fnBits, num2, _0n9, ORDER_MASK);
    return Fn3.toBytes(num2);
  }
  function validateMsgAndHash(message, prehash) {
    abytes3(message, void 0, "message");
    return prehash ? abytes3(hash(message), void 0, "prehashed message") : message;
  }
  function prepSig(message, secretKey, opts) {
    const { lowS, prehash, extraEntropy } = validateSigOpts(opts, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    const h1int = bits2int_modN(message);
    const d = Fn3.fromBytes(secretKey);
    if (!Fn3.isValidNot0(d))
      throw new Error("invalid private key");
    const seedArgs = [int2octets(d), int2octets(h1int)];
    if (extraEntropy != null && extraEntropy !== false) {
      const e = extraEntropy === true ? randomBytes3(lengths.secretKey) : extraEntropy;
      seedArgs.push(abytes3(e, void 0, "extraEntropy"));
    }
    const seed = concatBytes2(...seedArgs);
    const m = h1int;
    function k2sig(kBytes) {
      const k = bits2int(kBytes);
      if (!Fn3.isValidNot0(k))
        return;
      const ik = Fn3.inv(k);
      const q = Point.BASE.multiply(k).toAffine();
      const r = Fn3.create(q.x);
      if (r === _0n9)
        return;
      const s = Fn3.create(ik * Fn3.create(m + r * d));
      if (s === _0n9)
        return;
      let recovery = (q.x === r ? 0 : 2) | Number(q.y & _1n10);
      let normS = s;
      if (lowS && isBiggerThanHalfOrder(s)) {
        normS = Fn3.neg(s);
        recovery ^= 1;
      }
      return new Signature(r, normS, hasLargeCofactor ? void 0 : recovery);
    }
    return { seed, k2sig };
  }
  function sign(message, secretKey, opts = {}) {
    const { seed, k2sig } = prepSig(message, secretKey, opts);
    const drbg = createHmacDrbg(hash.outputLen, Fn3.BYTES, hmac3);
    const sig = drbg(seed, k2sig);
    return sig.toBytes(opts.format);
  }
  function verify(signature, message, publicKey, opts = {}) {
    const { lowS, prehash, format } = validateSigOpts(opts, defaultSigOpts);
    publicKey = abytes3(publicKey, void 0, "publicKey");
    message = validateMsgAndHash(message, prehash);
    if (!isBytes3(signature)) {
      const end = signature instanceof Signature ? ", use sig.toBytes()" : "";
      throw new Error("verify expects Uint8Array signature" + end);
    }
    validateSigLength(signature, format);
    try {
      const sig = Signature.fromBytes(signature, format);
      const P = Point.fromBytes(publicKey);
      if (lowS && sig.hasHighS())
        return false;
      const { r, s } = sig;
      const h = bits2int_modN(message);
      const is = Fn3.inv(s);
      const u1 = Fn3.create(h * is);
      const u2 = Fn3.create(r * is);
      const R = Point.BASE.multiplyUnsafe(u1).add(P.multiplyUnsafe(u2));
      if (R.is0())
        return false;
      const v = Fn3.create(R.x);
      return v === r;
    } catch (e) {
      return false;
    }
  }
  function recoverPublicKey(signature, message, opts = {}) {
    const { prehash } = validateSigOpts(opts, defaultSigOpts);
    message = validateMsgAndHash(message, prehash);
    return Signature.fromBytes(signature, "recovered").recoverPublicKey(message).toBytes();
  }
  return Object.freeze({
    keygen,
    getPublicKey,
    getSharedSecret,
    utils,
    lengths,
    Point,
    sign,
    verify,
    recoverPublicKey,
    Signature,
    hash
  });
}
var divNearest, DERErr, DER, _0n9, _1n10, _2n8, _3n4, _4n3;
var init_weierstrass = __esm({
  "node_modules/@noble/curves/abstract/weierstrass.js"() {
    init_hmac();
    init_utils2();
    init_utils3();
    init_curve();
    init_modular();
    divNearest = (num2, den) => (num2 + (num2 >= 0 ? den : -den) / _2n8) / den;
    DERErr = class extends Error {
      constructor(m = "") {
        super(m);
      }
    };
    DER = {
      // asn.1 DER encoding utils
      Err: DERErr,
      // Basic building block is TLV (Tag-Length-Value)
      _tlv: {
        encode: (tag, data) => {
          const { Err: E } = DER;
          if (tag < 0 || tag > 256)
            throw new E("tlv.encode: wrong tag");
          if (data.length & 1)
            throw new E("tlv.encode: unpadded data");
          const dataLen = data.length / 2;
          const len = numberToHexUnpadded(dataLen);
          if (len.length / 2 & 128)
            throw new E("tlv.encode: long form length too big");
          const lenLen = dataLen > 127 ? numberToHexUnpadded(len.length / 2 | 128) : "";
          const t = numberToHexUnpadded(tag);
          return t + lenLen + len + data;
        },
        // v - value, l - left bytes (unparsed)
        decode(tag, data) {
          const { Err: E } = DER;
          let pos = 0;
          if (tag < 0 || tag > 256)
            throw new E("tlv.encode: wrong tag");
          if (data.length < 2 || data[pos++] !== tag)
            throw new E("tlv.decode: wrong tlv");
          const first = data[pos++];
          const isLong = !!(first & 128);
          let length = 0;
          if (!isLong)
            length = first;
          else {
            const lenLen = first & 127;
            if (!lenLen)
              throw new E("tlv.decode(long): indefinite length not supported");
            if (lenLen > 4)
              throw new E("tlv.decode(long): byte length is too big");
            const lengthBytes = data.subarray(pos, pos + lenLen);
            if (lengthBytes.length !== lenLen)
              throw new E("tlv.decode: length bytes not complete");
            if (lengthBytes[0] === 0)
              throw new E("tlv.decode(long): zero leftmost byte");
            for (const b of lengthBytes)
              length = length << 8 | b;
            pos += lenLen;
            if (length < 128)
              throw new E("tlv.decode(long): not minimal encoding");
          }
          const v = data.subarray(pos, pos + length);
          if (v.length !== length)
            throw new E("tlv.decode: wrong value length");
          return { v, l: data.subarray(pos + length) };
        }
      },
      // https://crypto.stackexchange.com/a/57734 Leftmost bit of first byte is 'negative' flag,
      // since we always use positive integers here. It must always be empty:
      // - add zero byte if exists
      // - if next byte doesn't have a flag, leading zero is not allowed (minimal encoding)
      _int: {
        encode(num2) {
          const { Err: E } = DER;
          if (num2 < _0n9)
            throw new E("integer: negative integers are not allowed");
          let hex = numberToHexUnpadded(num2);
          if (Number.parseInt(hex[0], 16) & 8)
            hex = "00" + hex;
          if (hex.length & 1)
            throw new E("unexpected DER parsing assertion: unpadded hex");
          return hex;
        },
        decode(data) {
          const { Err: E } = DER;
          if (data[0] & 128)
            throw new E("invalid signature integer: negative");
          if (data[0] === 0 && !(data[1] & 128))
            throw new E("invalid signature integer: unnecessary leading zero");
          return bytesToNumberBE(data);
        }
      },
      toSig(bytes) {
        const { Err: E, _int: int, _tlv: tlv } = DER;
        const data = abytes3(bytes, void 0, "signature");
        const { v: seqBytes, l: seqLeftBytes } = tlv.decode(48, data);
        if (seqLeftBytes.length)
          throw new E("invalid signature: left bytes after parsing");
        const { v: rBytes, l: rLeftBytes } = tlv.decode(2, seqBytes);
        const { v: sBytes, l: sLeftBytes } = tlv.decode(2, rLeftBytes);
        if (sLeftBytes.length)
          throw new E("invalid signature: left bytes after parsing");
        return { r: int.decode(rBytes), s: int.decode(sBytes) };
      },
      hexFromSig(sig) {
        const { _tlv: tlv, _int: int } = DER;
        const rs = tlv.encode(2, int.encode(sig.r));
        const ss = tlv.encode(2, int.encode(sig.s));
        const seq = rs + ss;
        return tlv.encode(48, seq);
      }
    };
    _0n9 = BigInt(0);
    _1n10 = BigInt(1);
    _2n8 = BigInt(2);
    _3n4 = BigInt(3);
    _4n3 = BigInt(4);
  }
});

// node_modules/@noble/curves/nist.js
var nist_exports = {};
__export(nist_exports, {
  p256: () => p256,
  p256_hasher: () => p256_hasher,
  p256_oprf: () => p256_oprf,
  p384: () => p384,
  p384_hasher: () => p384_hasher,
  p384_oprf: () => p384_oprf,
  p521: () => p521,
  p521_hasher: () => p521_hasher,
  p521_oprf: () => p521_oprf
});
function createSWU(Point, opts) {
  const map = mapToCurveSimpleSWU(Point.Fp, opts);
  return (scalars) => map(scalars[0]);
}
var p256_CURVE, p384_CURVE, p521_CURVE, p256_Point, p256, p256_hasher, p256_oprf, p384_Point, p384, p384_hasher, p384_oprf, Fn521, p521_Point, p521, p521_hasher, p521_oprf;
var init_nist = __esm({
  "node_modules/@noble/curves/nist.js"() {
    init_sha2();
    init_hash_to_curve();
    init_modular();
    init_oprf();
    init_weierstrass();
    p256_CURVE = /* @__PURE__ */ (() => ({
      p: BigInt("0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
      n: BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
      h: BigInt(1),
      a: BigInt("0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
      b: BigInt("0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
      Gx: BigInt("0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
      Gy: BigInt("0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
    }))();
    p384_CURVE = /* @__PURE__ */ (() => ({
      p: BigInt("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
      n: BigInt("0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
      h: BigInt(1),
      a: BigInt("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc"),
      b: BigInt("0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"),
      Gx: BigInt("0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7"),
      Gy: BigInt("0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f")
    }))();
    p521_CURVE = /* @__PURE__ */ (() => ({
      p: BigInt("0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
      n: BigInt("0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"),
      h: BigInt(1),
      a: BigInt("0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc"),
      b: BigInt("0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00"),
      Gx: BigInt("0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66"),
      Gy: BigInt("0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650")
    }))();
    p256_Point = /* @__PURE__ */ weierstrass(p256_CURVE);
    p256 = /* @__PURE__ */ ecdsa(p256_Point, sha2562);
    p256_hasher = /* @__PURE__ */ (() => {
      return createHasher3(p256_Point, createSWU(p256_Point, {
        A: p256_CURVE.a,
        B: p256_CURVE.b,
        Z: p256_Point.Fp.create(BigInt("-10"))
      }), {
        DST: "P256_XMD:SHA-256_SSWU_RO_",
        encodeDST: "P256_XMD:SHA-256_SSWU_NU_",
        p: p256_CURVE.p,
        m: 1,
        k: 128,
        expand: "xmd",
        hash: sha2562
      });
    })();
    p256_oprf = /* @__PURE__ */ (() => createORPF({
      name: "P256-SHA256",
      Point: p256_Point,
      hash: sha2562,
      hashToGroup: p256_hasher.hashToCurve,
      hashToScalar: p256_hasher.hashToScalar
    }))();
    p384_Point = /* @__PURE__ */ weierstrass(p384_CURVE);
    p384 = /* @__PURE__ */ ecdsa(p384_Point, sha3842);
    p384_hasher = /* @__PURE__ */ (() => {
      return createHasher3(p384_Point, createSWU(p384_Point, {
        A: p384_CURVE.a,
        B: p384_CURVE.b,
        Z: p384_Point.Fp.create(BigInt("-12"))
      }), {
        DST: "P384_XMD:SHA-384_SSWU_RO_",
        encodeDST: "P384_XMD:SHA-384_SSWU_NU_",
        p: p384_CURVE.p,
        m: 1,
        k: 192,
        expand: "xmd",
        hash: sha3842
      });
    })();
    p384_oprf = /* @__PURE__ */ (() => createORPF({
      name: "P384-SHA384",
      Point: p384_Point,
      hash: sha3842,
      hashToGroup: p384_hasher.hashToCurve,
      hashToScalar: p384_hasher.hashToScalar
    }))();
    Fn521 = /* @__PURE__ */ (() => Field(p521_CURVE.n, { allowedLengths: [65, 66] }))();
    p521_Point = /* @__PURE__ */ weierstrass(p521_CURVE, { Fn: Fn521 });
    p521 = /* @__PURE__ */ ecdsa(p521_Point, sha5122);
    p521_hasher = /* @__PURE__ */ (() => {
      return createHasher3(p521_Point, createSWU(p521_Point, {
        A: p521_CURVE.a,
        B: p521_CURVE.b,
        Z: p521_Point.Fp.create(BigInt("-4"))
      }), {
        DST: "P521_XMD:SHA-512_SSWU_RO_",
        encodeDST: "P521_XMD:SHA-512_SSWU_NU_",
        p: p521_CURVE.p,
        m: 1,
        k: 256,
        expand: "xmd",
        hash: sha5122
      });
    })();
    p521_oprf = /* @__PURE__ */ (() => createORPF({
      name: "P521-SHA512",
      Point: p521_Point,
      hash: sha5122,
      hashToGroup: p521_hasher.hashToCurve,
      hashToScalar: p521_hasher.hashToScalar
      // produces L=98 just like in RFC
    }))();
  }
});

// src/dom.ts
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`page is missing #${id} (${type.name})`);
  }
  return el;
}

// node_modules/ts-mls/dist/src/codec/tlsEncoder.js
function encode(enc) {
  return (t) => {
    const [len, write] = enc(t);
    const buf = new ArrayBuffer(len);
    write(0, buf);
    return new Uint8Array(buf);
  };
}
function contramapBufferEncoder(enc, f) {
  return (u) => enc(f(u));
}
function contramapBufferEncoders(encoders, toTuple) {
  return (value) => {
    const values = toTuple(value);
    let totalLength = 0;
    let writeTotal = (_offset, _buffer) => {
    };
    for (let i = 0; i < encoders.length; i++) {
      const [len, write] = encoders[i](values[i]);
      const oldFunc = writeTotal;
      const currentLen = totalLength;
      writeTotal = (offset, buffer) => {
        oldFunc(offset, buffer);
        write(offset + currentLen, buffer);
      };
      totalLength += len;
    }
    return [totalLength, writeTotal];
  };
}
function composeBufferEncoders(encoders) {
  return (values) => contramapBufferEncoders(encoders, (t) => t)(values);
}
var encVoid = [0, () => {
}];

// node_modules/ts-mls/dist/src/codec/number.js
var uint8Encoder = (n) => [
  1,
  (offset, buffer) => {
    const view2 = new DataView(buffer);
    view2.setUint8(offset, n);
  }
];
var encodeUint8 = encode(uint8Encoder);
var decodeUint8 = (b, offset) => {
  const value = b.at(offset);
  return value !== void 0 ? [value, 1] : void 0;
};
var uint16Encoder = (n) => [
  2,
  (offset, buffer) => {
    const view2 = new DataView(buffer);
    view2.setUint16(offset, n);
  }
];
var encodeUint16 = encode(uint16Encoder);
var decodeUint16 = (b, offset) => {
  const view2 = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    return [view2.getUint16(offset), 2];
  } catch (e) {
    return void 0;
  }
};
var uint32Encoder = (n) => [
  4,
  (offset, buffer) => {
    const view2 = new DataView(buffer);
    view2.setUint32(offset, n);
  }
];
var encodeUint32 = encode(uint32Encoder);
var decodeUint32 = (b, offset) => {
  const view2 = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    return [view2.getUint32(offset), 4];
  } catch (e) {
    return void 0;
  }
};
var uint64Encoder = (n) => [
  8,
  (offset, buffer) => {
    const view2 = new DataView(buffer);
    view2.setBigUint64(offset, n);
  }
];
var encodeUint64 = encode(uint64Encoder);
var decodeUint64 = (b, offset) => {
  const view2 = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    return [view2.getBigUint64(offset), 8];
  } catch (e) {
    return void 0;
  }
};

// node_modules/ts-mls/dist/src/codec/tlsDecoder.js
function mapDecoder(dec, f) {
  return (b, offset) => {
    const x = dec(b, offset);
    if (x !== void 0) {
      const [t, l] = x;
      return [f(t), l];
    }
  };
}
function mapDecodersOption(decoders, f) {
  return (b, offset) => {
    const initial = mapDecoders(decoders, f)(b, offset);
    if (initial === void 0)
      return void 0;
    else {
      const [r, len] = initial;
      return r !== void 0 ? [r, len] : void 0;
    }
  };
}
function mapDecoders(decoders, f) {
  return (b, offset) => {
    const result = decoders.reduce((acc, decoder) => {
      if (!acc)
        return void 0;
      const decoded = decoder(b, acc.offset);
      if (!decoded)
        return void 0;
      const [value, length] = decoded;
      return {
        values: [...acc.values, value],
        offset: acc.offset + length,
        totalLength: acc.totalLength + length
      };
    }, { values: [], offset, totalLength: 0 });
    if (!result)
      return;
    return [f(...result.values), result.totalLength];
  };
}
function mapDecoderOption(dec, f) {
  return (b, offset) => {
    const x = dec(b, offset);
    if (x !== void 0) {
      const [t, l] = x;
      const u = f(t);
      return u !== void 0 ? [u, l] : void 0;
    }
  };
}
function flatMapDecoder(dec, f) {
  return flatMapDecoderAndMap(dec, f, (_t, u) => u);
}
function orDecoder(decT, decU) {
  return (b, offset) => {
    const t = decT(b, offset);
    return t ? t : decU(b, offset);
  };
}
function flatMapDecoderAndMap(dec, f, g) {
  return (b, offset) => {
    const decodedT = dec(b, offset);
    if (decodedT !== void 0) {
      const [t, len] = decodedT;
      const decoderU = f(t);
      const decodedU = decoderU(b, offset + len);
      if (decodedU !== void 0) {
        const [u, len2] = decodedU;
        return [g(t, u), len + len2];
      }
    }
  };
}
function succeedDecoder(t) {
  return () => [t, 0];
}
function failDecoder() {
  return () => void 0;
}

// node_modules/ts-mls/dist/src/util/enumHelpers.js
function enumNumberToKey(t) {
  return (n) => Object.values(t).includes(n) ? reverseMap(t)[n] : void 0;
}
function reverseMap(obj) {
  return Object.entries(obj).reduce((acc, [key, value]) => ({
    ...acc,
    [value]: key
  }), {});
}
function openEnumNumberToKey(rec) {
  return (n) => {
    const decoded = enumNumberToKey(rec)(n);
    if (decoded === void 0)
      return n.toString();
    else
      return decoded;
  };
}
function openEnumNumberEncoder(rec) {
  return (s) => {
    const x = rec[s];
    if (x === void 0)
      return Number(s);
    else
      return x;
  };
}

// node_modules/ts-mls/dist/src/defaultProposalType.js
var defaultProposalTypes = {
  add: 1,
  update: 2,
  remove: 3,
  psk: 4,
  reinit: 5,
  external_init: 6,
  group_context_extensions: 7
};
var defaultProposalTypeEncoder = contramapBufferEncoder(uint16Encoder, (n) => defaultProposalTypes[n]);
var encodeDefaultProposalType = encode(defaultProposalTypeEncoder);
var decodeDefaultProposalType = mapDecoderOption(decodeUint16, enumNumberToKey(defaultProposalTypes));

// node_modules/ts-mls/dist/src/defaultExtensionType.js
var defaultExtensionTypes = {
  application_id: 1,
  ratchet_tree: 2,
  required_capabilities: 3,
  external_pub: 4,
  external_senders: 5
};
var defaultExtensionTypeEncoder = contramapBufferEncoder(uint16Encoder, (n) => defaultExtensionTypes[n]);
var encodeDefaultExtensionType = encode(defaultExtensionTypeEncoder);
var decodeDefaultExtensionType = mapDecoderOption(decodeUint16, enumNumberToKey(defaultExtensionTypes));

// node_modules/ts-mls/dist/src/incomingMessageAction.js
var acceptAll = () => "accept";

// node_modules/ts-mls/dist/src/mlsError.js
var MlsError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "MlsError";
  }
};
var ValidationError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "ValidationError";
  }
};
var CodecError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "CodecError";
  }
};
var UsageError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var DependencyError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "DependencyError";
  }
};
var CryptoVerificationError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "CryptoVerificationError";
  }
};
var CryptoError = class extends MlsError {
  constructor(message) {
    super(message);
    this.name = "CryptoError";
  }
};
var InternalError = class extends MlsError {
  constructor(message) {
    super(`This error should never occur, if you see this please submit a bug report. Message: ${message}`);
    this.name = "InternalError";
  }
};

// node_modules/ts-mls/dist/src/util/byteArray.js
function bytesToArrayBuffer(b) {
  if (b.buffer instanceof ArrayBuffer) {
    if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) {
      return b.buffer;
    }
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  } else {
    const ab = new ArrayBuffer(b.byteLength);
    const arr = new Uint8Array(ab);
    arr.set(b, 0);
    return ab;
  }
}
function toBufferSource(b) {
  if (b.buffer instanceof ArrayBuffer)
    return b;
  const ab = new ArrayBuffer(b.byteLength);
  const arr = new Uint8Array(ab);
  arr.set(b, 0);
  return ab;
}
function bytesToBase64(bytes) {
  if (typeof Buffer !== "undefined") {
    return Buffer.from(bytes).toString("base64");
  } else {
    let binary = "";
    bytes.forEach((b) => binary += String.fromCharCode(b));
    return globalThis.btoa(binary);
  }
}
function base64ToBytes(base64) {
  if (typeof Buffer !== "undefined") {
    return Uint8Array.from(Buffer.from(base64, "base64"));
  } else {
    const binary = globalThis.atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }
}
function concatUint8Arrays(a, b) {
  const result = new Uint8Array(a.length + b.length);
  result.set(a, 0);
  result.set(b, a.length);
  return result;
}
function zeroOutUint8Array(buf) {
  crypto.getRandomValues(buf);
  for (let i = 0; i < buf.length; i++) {
    buf[i] ^= buf[i];
  }
}

// node_modules/ts-mls/dist/src/codec/variableLength.js
var varLenDataEncoder = (data) => {
  const [len, write] = lengthEncoder(data.length);
  return [
    len + data.length,
    (offset, buffer) => {
      write(offset, buffer);
      const view2 = new Uint8Array(buffer);
      view2.set(data, offset + len);
    }
  ];
};
function lengthEncoder(len) {
  if (len < 64) {
    return [
      1,
      (offset, buffer) => {
        const view2 = new DataView(buffer);
        view2.setUint8(offset, len & 63);
      }
    ];
  } else if (len < 16384) {
    return [
      2,
      (offset, buffer) => {
        const view2 = new DataView(buffer);
        view2.setUint8(offset, len >> 8 & 63 | 64);
        view2.setUint8(offset + 1, len & 255);
      }
    ];
  } else if (len < 1073741824) {
    return [
      4,
      (offset, buffer) => {
        const view2 = new DataView(buffer);
        view2.setUint8(offset, len >> 24 & 63 | 128);
        view2.setUint8(offset + 1, len >> 16 & 255);
        view2.setUint8(offset + 2, len >> 8 & 255);
        view2.setUint8(offset + 3, len & 255);
      }
    ];
  } else {
    throw new CodecError("Length too large to encode (max is 2^30 - 1)");
  }
}
function determineLength(data, offset = 0) {
  if (offset >= data.length) {
    throw new CodecError("Offset beyond buffer");
  }
  const firstByte = data[offset];
  const prefix = firstByte >> 6;
  if (prefix === 0) {
    return { length: firstByte & 63, lengthFieldSize: 1 };
  } else if (prefix === 1) {
    if (offset + 2 > data.length)
      throw new CodecError("Incomplete 2-byte length");
    return { length: (firstByte & 63) << 8 | data[offset + 1], lengthFieldSize: 2 };
  } else if (prefix === 2) {
    if (offset + 4 > data.length)
      throw new CodecError("Incomplete 4-byte length");
    return {
      length: (firstByte & 63) << 24 | data[offset + 1] << 16 | data[offset + 2] << 8 | data[offset + 3],
      lengthFieldSize: 4
    };
  } else {
    throw new CodecError("8-byte length not supported in this implementation");
  }
}
var decodeVarLenData = (buf, offset) => {
  if (offset >= buf.length) {
    throw new CodecError("Offset beyond buffer");
  }
  const { length, lengthFieldSize } = determineLength(buf, offset);
  const totalBytes = lengthFieldSize + length;
  if (offset + totalBytes > buf.length) {
    throw new CodecError("Data length exceeds buffer");
  }
  const data = buf.subarray(offset + lengthFieldSize, offset + totalBytes);
  return [data, totalBytes];
};
function varLenTypeEncoder(enc) {
  return (data) => {
    let totalLength = 0;
    let writeTotal = (_offset, _buffer) => {
    };
    for (let i = 0; i < data.length; i++) {
      const [len, write] = enc(data[i]);
      const oldFunc = writeTotal;
      const currentLen = totalLength;
      writeTotal = (offset, buffer) => {
        oldFunc(offset, buffer);
        write(offset + currentLen, buffer);
      };
      totalLength += len;
    }
    const [headerLength, writeLength] = lengthEncoder(totalLength);
    return [
      headerLength + totalLength,
      (offset, buffer) => {
        writeLength(offset, buffer);
        writeTotal(offset + headerLength, buffer);
      }
    ];
  };
}
function decodeVarLenType(dec) {
  return (b, offset) => {
    const d = decodeVarLenData(b, offset);
    if (d === void 0)
      return;
    const [totalBytes, totalLength] = d;
    let cursor = 0;
    const result = [];
    while (cursor < totalBytes.length) {
      const item = dec(totalBytes, cursor);
      if (item === void 0)
        return void 0;
      const [value, len] = item;
      result.push(value);
      cursor += len;
    }
    return [result, totalLength];
  };
}
function base64RecordEncoder(valueEncoder) {
  const entryEncoder = contramapBufferEncoders([contramapBufferEncoder(varLenDataEncoder, base64ToBytes), valueEncoder], ([key, value]) => [key, value]);
  return contramapBufferEncoders([varLenTypeEncoder(entryEncoder)], (record) => [Object.entries(record)]);
}
function decodeBase64Record(decodeValue) {
  return mapDecoder(decodeVarLenType(mapDecoders([mapDecoder(decodeVarLenData, bytesToBase64), decodeValue], (key, value) => [key, value])), (entries) => {
    const record = {};
    for (const [key, value] of entries) {
      record[key] = value;
    }
    return record;
  });
}
function numberRecordEncoder(numberEncoder, valueEncoder) {
  const entryEncoder = contramapBufferEncoders([numberEncoder, valueEncoder], ([key, value]) => [key, value]);
  return contramapBufferEncoder(varLenTypeEncoder(entryEncoder), (record) => Object.entries(record).map(([key, value]) => [Number(key), value]));
}
function decodeNumberRecord(decodeNumber, decodeValue) {
  return mapDecoder(decodeVarLenType(mapDecoders([decodeNumber, decodeValue], (key, value) => [key, value])), (entries) => {
    const record = {};
    for (const [key, value] of entries) {
      record[key] = value;
    }
    return record;
  });
}
function bigintMapEncoder(valueEncoder) {
  const entryEncoder = contramapBufferEncoders([uint64Encoder, valueEncoder], ([key, value]) => [key, value]);
  return contramapBufferEncoder(varLenTypeEncoder(entryEncoder), (map) => Array.from(map.entries()));
}
function decodeBigintMap(decodeValue) {
  return mapDecoder(decodeVarLenType(mapDecoders([decodeUint64, decodeValue], (key, value) => [key, value])), (entries) => new Map(entries));
}

// node_modules/ts-mls/dist/src/util/constantTimeCompare.js
function constantTimeEqual(a, b) {
  if (a.length !== b.length)
    return false;
  let result = 0;
  for (let i = 0; i < a.length; i++) {
    result |= a[i] ^ b[i];
  }
  return result === 0;
}

// node_modules/ts-mls/dist/src/extension.js
var extensionTypeEncoder = (t) => typeof t === "number" ? uint16Encoder(t) : defaultExtensionTypeEncoder(t);
var encodeExtensionType = encode(extensionTypeEncoder);
var decodeExtensionType = orDecoder(decodeDefaultExtensionType, decodeUint16);
var extensionEncoder = contramapBufferEncoders([extensionTypeEncoder, varLenDataEncoder], (e) => [e.extensionType, e.extensionData]);
var encodeExtension = encode(extensionEncoder);
var decodeExtension = mapDecoders([decodeExtensionType, decodeVarLenData], (extensionType, extensionData) => ({ extensionType, extensionData }));
function extensionEqual(a, b) {
  return a.extensionType === b.extensionType && constantTimeEqual(a.extensionData, b.extensionData);
}
function extensionsEqual(a, b) {
  if (a.length !== b.length)
    return false;
  return a.every((val, i) => extensionEqual(val, b[i]));
}
function extensionsSupportedByCapabilities(requiredExtensions, capabilities) {
  return requiredExtensions.filter((ex) => !isDefaultExtension(ex.extensionType)).every((ex) => capabilities.extensions.includes(extensionTypeToNumber(ex.extensionType)));
}
function isDefaultExtension(t) {
  return typeof t !== "number";
}
function extensionTypeToNumber(t) {
  return typeof t === "number" ? t : defaultExtensionTypes[t];
}

// node_modules/ts-mls/dist/src/credentialType.js
var credentialTypes = {
  basic: 1,
  x509: 2
};
var credentialTypeEncoder = contramapBufferEncoder(uint16Encoder, openEnumNumberEncoder(credentialTypes));
var encodeCredentialType = encode(credentialTypeEncoder);
var decodeCredentialType = mapDecoderOption(decodeUint16, openEnumNumberToKey(credentialTypes));

// node_modules/ts-mls/dist/src/credential.js
var credentialBasicEncoder = contramapBufferEncoders([credentialTypeEncoder, varLenDataEncoder], (c) => [c.credentialType, c.identity]);
var encodeCredentialBasic = encode(credentialBasicEncoder);
var credentialX509Encoder = contramapBufferEncoders([credentialTypeEncoder, varLenTypeEncoder(varLenDataEncoder)], (c) => [c.credentialType, c.certificates]);
var encodeCredentialX509 = encode(credentialX509Encoder);
var credentialCustomEncoder = contramapBufferEncoders([credentialTypeEncoder, varLenDataEncoder], (c) => [c.credentialType, c.data]);
var encodeCredentialCustom = encode(credentialCustomEncoder);
var credentialEncoder = (c) => {
  switch (c.credentialType) {
    case "basic":
      return credentialBasicEncoder(c);
    case "x509":
      return credentialX509Encoder(c);
    default:
      return credentialCustomEncoder(c);
  }
};
var encodeCredential = encode(credentialEncoder);
var decodeCredentialBasic = mapDecoder(decodeVarLenData, (identity) => ({
  credentialType: "basic",
  identity
}));
var decodeCredentialX509 = mapDecoder(decodeVarLenType(decodeVarLenData), (certificates) => ({ credentialType: "x509", certificates }));
var decodeCredential = flatMapDecoder(decodeCredentialType, (credentialType) => {
  switch (credentialType) {
    case "basic":
      return decodeCredentialBasic;
    case "x509":
      return decodeCredentialX509;
  }
});

// node_modules/ts-mls/dist/src/externalSender.js
var externalSenderEncoder = contramapBufferEncoders([varLenDataEncoder, credentialEncoder], (e) => [e.signaturePublicKey, e.credential]);
var encodeExternalSender = encode(externalSenderEncoder);
var decodeExternalSender = mapDecoders([decodeVarLenData, decodeCredential], (signaturePublicKey, credential) => ({ signaturePublicKey, credential }));

// node_modules/ts-mls/dist/src/crypto/hash.js
function refhash(label, value, h) {
  return h.digest(encodeRefHash(label, value));
}
function encodeRefHash(label, value) {
  const labelBytes = new TextEncoder().encode(label);
  const enc = composeBufferEncoders([varLenDataEncoder, varLenDataEncoder]);
  return encode(enc)([labelBytes, value]);
}

// node_modules/ts-mls/dist/src/codec/optional.js
function optionalEncoder(encodeT) {
  return (t) => {
    if (t) {
      const [len, write] = encodeT(t);
      return [
        len + 1,
        (offset, buffer) => {
          const view2 = new DataView(buffer);
          view2.setUint8(offset, 1);
          write(offset + 1, buffer);
        }
      ];
    } else {
      return [
        1,
        (offset, buffer) => {
          const view2 = new DataView(buffer);
          view2.setUint8(offset, 0);
        }
      ];
    }
  };
}
function decodeOptional(decodeT) {
  return (b, offset) => {
    const presenceOctet = decodeUint8(b, offset)?.[0];
    if (presenceOctet == 1) {
      const result = decodeT(b, offset + 1);
      return result === void 0 ? void 0 : [result[0], result[1] + 1];
    } else {
      return [void 0, 1];
    }
  };
}

// node_modules/ts-mls/dist/src/crypto/ciphersuite.js
var ciphersuites = {
  MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519: 1,
  MLS_128_DHKEMP256_AES128GCM_SHA256_P256: 2,
  MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519: 3,
  MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448: 4,
  MLS_256_DHKEMP521_AES256GCM_SHA512_P521: 5,
  MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448: 6,
  MLS_256_DHKEMP384_AES256GCM_SHA384_P384: 7,
  MLS_128_MLKEM512_AES128GCM_SHA256_Ed25519: 77,
  MLS_128_MLKEM512_CHACHA20POLY1305_SHA256_Ed25519: 78,
  MLS_256_MLKEM768_AES256GCM_SHA384_Ed25519: 79,
  MLS_256_MLKEM768_CHACHA20POLY1305_SHA384_Ed25519: 80,
  MLS_256_MLKEM1024_AES256GCM_SHA512_Ed25519: 81,
  MLS_256_MLKEM1024_CHACHA20POLY1305_SHA512_Ed25519: 82,
  MLS_256_XWING_AES256GCM_SHA512_Ed25519: 83,
  MLS_256_XWING_CHACHA20POLY1305_SHA512_Ed25519: 84,
  MLS_256_MLKEM1024_AES256GCM_SHA512_MLDSA87: 85,
  MLS_256_MLKEM1024_CHACHA20POLY1305_SHA512_MLDSA87: 86,
  MLS_256_XWING_AES256GCM_SHA512_MLDSA87: 87,
  MLS_256_XWING_CHACHA20POLY1305_SHA512_MLDSA87: 88
};
var ciphersuiteEncoder = contramapBufferEncoder(uint16Encoder, openEnumNumberEncoder(ciphersuites));
var encodeCiphersuite = encode(ciphersuiteEncoder);
var decodeCiphersuite = mapDecoderOption(decodeUint16, openEnumNumberToKey(ciphersuites));
function getCiphersuiteFromName(name) {
  return ciphersuiteValues[ciphersuites[name]];
}
var ciphersuiteValues = {
  1: {
    hash: "SHA-256",
    hpke: {
      kem: "DHKEM-X25519-HKDF-SHA256",
      aead: "AES128GCM",
      kdf: "HKDF-SHA256"
    },
    signature: "Ed25519",
    name: "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"
  },
  2: {
    hash: "SHA-256",
    hpke: {
      kem: "DHKEM-P256-HKDF-SHA256",
      aead: "AES128GCM",
      kdf: "HKDF-SHA256"
    },
    signature: "P256",
    name: "MLS_128_DHKEMP256_AES128GCM_SHA256_P256"
  },
  3: {
    hash: "SHA-256",
    hpke: {
      kem: "DHKEM-X25519-HKDF-SHA256",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA256"
    },
    signature: "Ed25519",
    name: "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519"
  },
  4: {
    hash: "SHA-512",
    hpke: {
      kem: "DHKEM-X448-HKDF-SHA512",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed448",
    name: "MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448"
  },
  5: {
    hash: "SHA-512",
    hpke: {
      kem: "DHKEM-P521-HKDF-SHA512",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "P521",
    name: "MLS_256_DHKEMP521_AES256GCM_SHA512_P521"
  },
  6: {
    hash: "SHA-512",
    hpke: {
      kem: "DHKEM-X448-HKDF-SHA512",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed448",
    name: "MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448"
  },
  7: {
    hash: "SHA-384",
    hpke: {
      kem: "DHKEM-P384-HKDF-SHA384",
      aead: "AES256GCM",
      kdf: "HKDF-SHA384"
    },
    signature: "P384",
    name: "MLS_256_DHKEMP384_AES256GCM_SHA384_P384"
  },
  77: {
    hash: "SHA-256",
    hpke: {
      kem: "ML-KEM-512",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_128_MLKEM512_AES128GCM_SHA256_Ed25519"
  },
  78: {
    hash: "SHA-256",
    hpke: {
      kem: "ML-KEM-512",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_128_MLKEM512_CHACHA20POLY1305_SHA256_Ed25519"
  },
  79: {
    hash: "SHA-384",
    hpke: {
      kem: "ML-KEM-768",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_MLKEM768_AES256GCM_SHA384_Ed25519"
  },
  80: {
    hash: "SHA-384",
    hpke: {
      kem: "ML-KEM-768",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_MLKEM768_CHACHA20POLY1305_SHA384_Ed25519"
  },
  81: {
    hash: "SHA-512",
    hpke: {
      kem: "ML-KEM-1024",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_MLKEM1024_AES256GCM_SHA512_Ed25519"
  },
  82: {
    hash: "SHA-512",
    hpke: {
      kem: "ML-KEM-1024",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_MLKEM1024_CHACHA20POLY1305_SHA512_Ed25519"
  },
  83: {
    hash: "SHA-512",
    hpke: {
      kem: "X-Wing",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_XWING_AES256GCM_SHA512_Ed25519"
  },
  84: {
    hash: "SHA-512",
    hpke: {
      kem: "X-Wing",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "Ed25519",
    name: "MLS_256_XWING_CHACHA20POLY1305_SHA512_Ed25519"
  },
  85: {
    hash: "SHA-512",
    hpke: {
      kem: "ML-KEM-1024",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "ML-DSA-87",
    name: "MLS_256_MLKEM1024_AES256GCM_SHA512_MLDSA87"
  },
  86: {
    hash: "SHA-512",
    hpke: {
      kem: "ML-KEM-1024",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "ML-DSA-87",
    name: "MLS_256_MLKEM1024_CHACHA20POLY1305_SHA512_MLDSA87"
  },
  87: {
    hash: "SHA-512",
    hpke: {
      kem: "X-Wing",
      aead: "AES256GCM",
      kdf: "HKDF-SHA512"
    },
    signature: "ML-DSA-87",
    name: "MLS_256_XWING_AES256GCM_SHA512_MLDSA87"
  },
  88: {
    hash: "SHA-512",
    hpke: {
      kem: "X-Wing",
      aead: "CHACHA20POLY1305",
      kdf: "HKDF-SHA512"
    },
    signature: "ML-DSA-87",
    name: "MLS_256_XWING_CHACHA20POLY1305_SHA512_MLDSA87"
  }
};

// node_modules/ts-mls/dist/src/crypto/signature.js
async function signWithLabel(signKey, label, content, s) {
  return s.sign(signKey, encode(composeBufferEncoders([varLenDataEncoder, varLenDataEncoder]))([
    new TextEncoder().encode(`MLS 1.0 ${label}`),
    content
  ]));
}
async function verifyWithLabel(publicKey, label, content, signature, s) {
  return s.verify(publicKey, encode(composeBufferEncoders([varLenDataEncoder, varLenDataEncoder]))([
    new TextEncoder().encode(`MLS 1.0 ${label}`),
    content
  ]), signature);
}

// node_modules/ts-mls/dist/src/protocolVersion.js
var protocolVersions = {
  mls10: 1
};
var protocolVersionEncoder = contramapBufferEncoder(uint16Encoder, (t) => protocolVersions[t]);
var encodeProtocolVersion = encode(protocolVersionEncoder);
var decodeProtocolVersion = mapDecoderOption(decodeUint16, enumNumberToKey(protocolVersions));

// node_modules/ts-mls/dist/src/capabilities.js
var capabilitiesEncoder = contramapBufferEncoders([
  varLenTypeEncoder(protocolVersionEncoder),
  varLenTypeEncoder(ciphersuiteEncoder),
  varLenTypeEncoder(uint16Encoder),
  varLenTypeEncoder(uint16Encoder),
  varLenTypeEncoder(credentialTypeEncoder)
], (cap) => [cap.versions, cap.ciphersuites, cap.extensions, cap.proposals, cap.credentials]);
var encodeCapabilities = encode(capabilitiesEncoder);
var decodeCapabilities = mapDecoders([
  decodeVarLenType(decodeProtocolVersion),
  decodeVarLenType(decodeCiphersuite),
  decodeVarLenType(decodeUint16),
  decodeVarLenType(decodeUint16),
  decodeVarLenType(decodeCredentialType)
], (versions, ciphersuites2, extensions, proposals, credentials) => ({
  versions,
  ciphersuites: ciphersuites2,
  extensions,
  proposals,
  credentials
}));

// node_modules/ts-mls/dist/src/leafNodeSource.js
var leafNodeSources = {
  key_package: 1,
  update: 2,
  commit: 3
};
var leafNodeSourceEncoder = contramapBufferEncoder(uint8Encoder, (t) => leafNodeSources[t]);
var encodeLeafNodeSource = encode(leafNodeSourceEncoder);
var decodeLeafNodeSource = mapDecoderOption(decodeUint8, enumNumberToKey(leafNodeSources));

// node_modules/ts-mls/dist/src/lifetime.js
var lifetimeEncoder = contramapBufferEncoders([uint64Encoder, uint64Encoder], (lt) => [lt.notBefore, lt.notAfter]);
var encodeLifetime = encode(lifetimeEncoder);
var decodeLifetime = mapDecoders([decodeUint64, decodeUint64], (notBefore, notAfter) => ({
  notBefore,
  notAfter
}));

// node_modules/ts-mls/dist/src/leafNode.js
var leafNodeDataEncoder = contramapBufferEncoders([varLenDataEncoder, varLenDataEncoder, credentialEncoder, capabilitiesEncoder], (data) => [data.hpkePublicKey, data.signaturePublicKey, data.credential, data.capabilities]);
var encodeLeafNodeData = encode(leafNodeDataEncoder);
var decodeLeafNodeData = mapDecoders([decodeVarLenData, decodeVarLenData, decodeCredential, decodeCapabilities], (hpkePublicKey, signaturePublicKey, credential, capabilities) => ({
  hpkePublicKey,
  signaturePublicKey,
  credential,
  capabilities
}));
var leafNodeInfoKeyPackageEncoder = contramapBufferEncoders([leafNodeSourceEncoder, lifetimeEncoder, varLenTypeEncoder(extensionEncoder)], (info) => ["key_package", info.lifetime, info.extensions]);
var encodeLeafNodeInfoKeyPackage = encode(leafNodeInfoKeyPackageEncoder);
var leafNodeInfoUpdateOmittedEncoder = contramapBufferEncoders([leafNodeSourceEncoder, varLenTypeEncoder(extensionEncoder)], (i) => [i.leafNodeSource, i.extensions]);
var encodeLeafNodeInfoUpdateOmitted = encode(leafNodeInfoUpdateOmittedEncoder);
var leafNodeInfoCommitOmittedEncoder = contramapBufferEncoders([leafNodeSourceEncoder, varLenDataEncoder, varLenTypeEncoder(extensionEncoder)], (info) => [info.leafNodeSource, info.parentHash, info.extensions]);
var encodeLeafNodeInfoCommitOmitted = encode(leafNodeInfoCommitOmittedEncoder);
var leafNodeInfoOmittedEncoder = (info) => {
  switch (info.leafNodeSource) {
    case "key_package":
      return leafNodeInfoKeyPackageEncoder(info);
    case "update":
      return leafNodeInfoUpdateOmittedEncoder(info);
    case "commit":
      return leafNodeInfoCommitOmittedEncoder(info);
  }
};
var encodeLeafNodeInfoOmitted = encode(leafNodeInfoOmittedEncoder);
var decodeLeafNodeInfoKeyPackage = mapDecoders([decodeLifetime, decodeVarLenType(decodeExtension)], (lifetime, extensions) => ({
  leafNodeSource: "key_package",
  lifetime,
  extensions
}));
var decodeLeafNodeInfoUpdateOmitted = mapDecoder(decodeVarLenType(decodeExtension), (extensions) => ({
  leafNodeSource: "update",
  extensions
}));
var decodeLeafNodeInfoCommitOmitted = mapDecoders([decodeVarLenData, decodeVarLenType(decodeExtension)], (parentHash, extensions) => ({
  leafNodeSource: "commit",
  parentHash,
  extensions
}));
var decodeLeafNodeInfoOmitted = flatMapDecoder(decodeLeafNodeSource, (leafNodeSource) => {
  switch (leafNodeSource) {
    case "key_package":
      return decodeLeafNodeInfoKeyPackage;
    case "update":
      return decodeLeafNodeInfoUpdateOmitted;
    case "commit":
      return decodeLeafNodeInfoCommitOmitted;
  }
});
var leafNodeInfoUpdateEncoder = contramapBufferEncoders([leafNodeInfoUpdateOmittedEncoder, varLenDataEncoder, uint32Encoder], (i) => [i, i.groupId, i.leafIndex]);
var encodeLeafNodeInfoUpdate = encode(leafNodeInfoUpdateEncoder);
var leafNodeInfoCommitEncoder = contramapBufferEncoders([leafNodeInfoCommitOmittedEncoder, varLenDataEncoder, uint32Encoder], (info) => [info, info.groupId, info.leafIndex]);
var encodeLeafNodeInfoCommit = encode(leafNodeInfoCommitEncoder);
var leafNodeInfoEncoder = (info) => {
  switch (info.leafNodeSource) {
    case "key_package":
      return leafNodeInfoKeyPackageEncoder(info);
    case "update":
      return leafNodeInfoUpdateEncoder(info);
    case "commit":
      return leafNodeInfoCommitEncoder(info);
  }
};
var encodeLeafNodeInfo = encode(leafNodeInfoEncoder);
var decodeLeafNodeInfoUpdate = mapDecoders([decodeLeafNodeInfoUpdateOmitted, decodeVarLenData, decodeUint32], (ln, groupId, leafIndex) => ({
  ...ln,
  groupId,
  leafIndex
}));
var decodeLeafNodeInfoCommit = mapDecoders([decodeLeafNodeInfoCommitOmitted, decodeVarLenData, decodeUint32], (ln, groupId, leafIndex) => ({
  ...ln,
  groupId,
  leafIndex
}));
var decodeLeafNodeInfo = flatMapDecoder(decodeLeafNodeSource, (leafNodeSource) => {
  switch (leafNodeSource) {
    case "key_package":
      return decodeLeafNodeInfoKeyPackage;
    case "update":
      return decodeLeafNodeInfoUpdate;
    case "commit":
      return decodeLeafNodeInfoCommit;
  }
});
var leafNodeTBSEncoder = contramapBufferEncoders([leafNodeDataEncoder, leafNodeInfoEncoder], (tbs) => [tbs, tbs]);
var encodeLeafNodeTBS = encode(leafNodeTBSEncoder);
var leafNodeEncoder = contramapBufferEncoders([leafNodeDataEncoder, leafNodeInfoOmittedEncoder, varLenDataEncoder], (leafNode) => [leafNode, leafNode, leafNode.signature]);
var encodeLeafNode = encode(leafNodeEncoder);
var decodeLeafNode = mapDecoders([decodeLeafNodeData, decodeLeafNodeInfoOmitted, decodeVarLenData], (data, info, signature) => ({
  ...data,
  ...info,
  signature
}));
var decodeLeafNodeKeyPackage = mapDecoderOption(decodeLeafNode, (ln) => ln.leafNodeSource === "key_package" ? ln : void 0);
var decodeLeafNodeCommit = mapDecoderOption(decodeLeafNode, (ln) => ln.leafNodeSource === "commit" ? ln : void 0);
var decodeLeafNodeUpdate = mapDecoderOption(decodeLeafNode, (ln) => ln.leafNodeSource === "update" ? ln : void 0);
function toTbs(leafNode, groupId, leafIndex) {
  switch (leafNode.leafNodeSource) {
    case "key_package":
      return { ...leafNode, leafNodeSource: leafNode.leafNodeSource };
    case "update":
      return { ...leafNode, leafNodeSource: leafNode.leafNodeSource, groupId, leafIndex };
    case "commit":
      return { ...leafNode, leafNodeSource: leafNode.leafNodeSource, groupId, leafIndex };
  }
}
async function signLeafNodeCommit(tbs, signaturePrivateKey, sig) {
  return {
    ...tbs,
    signature: await signWithLabel(signaturePrivateKey, "LeafNodeTBS", encode(leafNodeTBSEncoder)(tbs), sig)
  };
}
async function signLeafNodeKeyPackage(tbs, signaturePrivateKey, sig) {
  return {
    ...tbs,
    signature: await signWithLabel(signaturePrivateKey, "LeafNodeTBS", encode(leafNodeTBSEncoder)(tbs), sig)
  };
}
function verifyLeafNodeSignature(leaf, groupId, leafIndex, sig) {
  return verifyWithLabel(leaf.signaturePublicKey, "LeafNodeTBS", encode(leafNodeTBSEncoder)(toTbs(leaf, groupId, leafIndex)), leaf.signature, sig);
}
function verifyLeafNodeSignatureKeyPackage(leaf, sig) {
  return verifyWithLabel(leaf.signaturePublicKey, "LeafNodeTBS", encode(leafNodeTBSEncoder)(leaf), leaf.signature, sig);
}

// node_modules/ts-mls/dist/src/keyPackage.js
var keyPackageTBSEncoder = contramapBufferEncoders([protocolVersionEncoder, ciphersuiteEncoder, varLenDataEncoder, leafNodeEncoder, varLenTypeEncoder(extensionEncoder)], (keyPackageTBS) => [
  keyPackageTBS.version,
  keyPackageTBS.cipherSuite,
  keyPackageTBS.initKey,
  keyPackageTBS.leafNode,
  keyPackageTBS.extensions
]);
var encodeKeyPackageTBS = encode(keyPackageTBSEncoder);
var decodeKeyPackageTBS = mapDecoders([
  decodeProtocolVersion,
  decodeCiphersuite,
  decodeVarLenData,
  decodeLeafNodeKeyPackage,
  decodeVarLenType(decodeExtension)
], (version, cipherSuite2, initKey, leafNode, extensions) => ({
  version,
  cipherSuite: cipherSuite2,
  initKey,
  leafNode,
  extensions
}));
var keyPackageEncoder = contramapBufferEncoders([keyPackageTBSEncoder, varLenDataEncoder], (keyPackage) => [keyPackage, keyPackage.signature]);
var encodeKeyPackage = encode(keyPackageEncoder);
var decodeKeyPackage = mapDecoders([decodeKeyPackageTBS, decodeVarLenData], (keyPackageTBS, signature) => ({
  ...keyPackageTBS,
  signature
}));
async function signKeyPackage(tbs, signKey, s) {
  return { ...tbs, signature: await signWithLabel(signKey, "KeyPackageTBS", encode(keyPackageTBSEncoder)(tbs), s) };
}
async function verifyKeyPackage(kp, s) {
  return verifyWithLabel(kp.leafNode.signaturePublicKey, "KeyPackageTBS", encode(keyPackageTBSEncoder)(kp), kp.signature, s);
}
function makeKeyPackageRef(value, h) {
  return refhash("MLS 1.0 KeyPackage Reference", encode(keyPackageEncoder)(value), h);
}
async function generateKeyPackageWithKey(credential, capabilities, lifetime, extensions, signatureKeyPair, cs, leafNodeExtensions) {
  const initKeys = await cs.hpke.generateKeyPair();
  const hpkeKeys = await cs.hpke.generateKeyPair();
  const privatePackage = {
    initPrivateKey: await cs.hpke.exportPrivateKey(initKeys.privateKey),
    hpkePrivateKey: await cs.hpke.exportPrivateKey(hpkeKeys.privateKey),
    signaturePrivateKey: signatureKeyPair.signKey
  };
  const leafNodeTbs = {
    leafNodeSource: "key_package",
    hpkePublicKey: await cs.hpke.exportPublicKey(hpkeKeys.publicKey),
    signaturePublicKey: signatureKeyPair.publicKey,
    extensions: leafNodeExtensions ?? [],
    credential,
    capabilities,
    lifetime
  };
  const tbs = {
    version: "mls10",
    cipherSuite: cs.name,
    initKey: await cs.hpke.exportPublicKey(initKeys.publicKey),
    leafNode: await signLeafNodeKeyPackage(leafNodeTbs, signatureKeyPair.signKey, cs.signature),
    extensions
  };
  return { publicPackage: await signKeyPackage(tbs, signatureKeyPair.signKey, cs.signature), privatePackage };
}
async function generateKeyPackage(credential, capabilities, lifetime, extensions, cs, leafNodeExtensions) {
  const sigKeys = await cs.signature.keygen();
  return generateKeyPackageWithKey(credential, capabilities, lifetime, extensions, sigKeys, cs, leafNodeExtensions);
}

// node_modules/ts-mls/dist/src/crypto/kdf.js
function expandWithLabel(secret, label, context, length, kdf) {
  return kdf.expand(secret, encode(composeBufferEncoders([uint16Encoder, varLenDataEncoder, varLenDataEncoder]))([
    length,
    new TextEncoder().encode(`MLS 1.0 ${label}`),
    context
  ]), length);
}
async function deriveSecret(secret, label, kdf) {
  return expandWithLabel(secret, label, new Uint8Array(), kdf.size, kdf);
}
async function deriveTreeSecret(secret, label, generation, length, kdf) {
  return expandWithLabel(secret, label, encode(uint32Encoder)(generation), length, kdf);
}

// node_modules/ts-mls/dist/src/presharedkey.js
var pskTypes = {
  external: 1,
  resumption: 2
};
var pskTypeEncoder = contramapBufferEncoder(uint8Encoder, (t) => pskTypes[t]);
var encodePskType = encode(pskTypeEncoder);
var decodePskType = mapDecoderOption(decodeUint8, enumNumberToKey(pskTypes));
var resumptionPSKUsages = {
  application: 1,
  reinit: 2,
  branch: 3
};
var resumptionPSKUsageEncoder = contramapBufferEncoder(uint8Encoder, (u) => resumptionPSKUsages[u]);
var encodeResumptionPSKUsage = encode(resumptionPSKUsageEncoder);
var decodeResumptionPSKUsage = mapDecoderOption(decodeUint8, enumNumberToKey(resumptionPSKUsages));
var encodePskInfoExternal = contramapBufferEncoders([pskTypeEncoder, varLenDataEncoder], (i) => [i.psktype, i.pskId]);
var encodePskInfoResumption = contramapBufferEncoders([pskTypeEncoder, resumptionPSKUsageEncoder, varLenDataEncoder, uint64Encoder], (info) => [info.psktype, info.usage, info.pskGroupId, info.pskEpoch]);
var decodePskInfoResumption = mapDecoders([decodeResumptionPSKUsage, decodeVarLenData, decodeUint64], (usage, pskGroupId, pskEpoch) => {
  return { usage, pskGroupId, pskEpoch };
});
var pskInfoEncoder = (info) => {
  switch (info.psktype) {
    case "external":
      return encodePskInfoExternal(info);
    case "resumption":
      return encodePskInfoResumption(info);
  }
};
var encodePskInfo = encode(pskInfoEncoder);
var decodePskInfo = flatMapDecoder(decodePskType, (psktype) => {
  switch (psktype) {
    case "external":
      return mapDecoder(decodeVarLenData, (pskId) => ({
        psktype,
        pskId
      }));
    case "resumption":
      return mapDecoder(decodePskInfoResumption, (resumption) => ({
        psktype,
        ...resumption
      }));
  }
});
var pskIdEncoder = contramapBufferEncoders([pskInfoEncoder, varLenDataEncoder], (pskid) => [pskid, pskid.pskNonce]);
var encodePskId = encode(pskIdEncoder);
var decodePskId = mapDecoders([decodePskInfo, decodeVarLenData], (info, pskNonce) => ({ ...info, pskNonce }));
var pskLabelEncoder = contramapBufferEncoders([pskIdEncoder, uint16Encoder, uint16Encoder], (label) => [label.id, label.index, label.count]);
var encodePskLabel = encode(pskLabelEncoder);
var decodePskLabel = mapDecoders([decodePskId, decodeUint16, decodeUint16], (id, index, count) => ({ id, index, count }));
async function updatePskSecret(secret, pskId, psk, index, count, impl) {
  const zeroes = new Uint8Array(impl.kdf.size);
  return impl.kdf.extract(await expandWithLabel(await impl.kdf.extract(zeroes, psk), "derived psk", encode(pskLabelEncoder)({ id: pskId, index, count }), impl.kdf.size, impl.kdf), secret);
}

// node_modules/ts-mls/dist/src/proposal.js
var addEncoder = contramapBufferEncoder(keyPackageEncoder, (a) => a.keyPackage);
var encodeAdd = encode(addEncoder);
var decodeAdd = mapDecoder(decodeKeyPackage, (keyPackage) => ({ keyPackage }));
var updateEncoder = contramapBufferEncoder(leafNodeEncoder, (u) => u.leafNode);
var encodeUpdate = encode(updateEncoder);
var decodeUpdate = mapDecoder(decodeLeafNodeUpdate, (leafNode) => ({ leafNode }));
var removeEncoder = contramapBufferEncoder(uint32Encoder, (r) => r.removed);
var encodeRemove = encode(removeEncoder);
var decodeRemove = mapDecoder(decodeUint32, (removed) => ({ removed }));
var pskEncoder = contramapBufferEncoder(pskIdEncoder, (p) => p.preSharedKeyId);
var encodePSK = encode(pskEncoder);
var decodePSK = mapDecoder(decodePskId, (preSharedKeyId) => ({ preSharedKeyId }));
var reinitEncoder = contramapBufferEncoders([varLenDataEncoder, protocolVersionEncoder, ciphersuiteEncoder, varLenTypeEncoder(extensionEncoder)], (r) => [r.groupId, r.version, r.cipherSuite, r.extensions]);
var encodeReinit = encode(reinitEncoder);
var decodeReinit = mapDecoders([decodeVarLenData, decodeProtocolVersion, decodeCiphersuite, decodeVarLenType(decodeExtension)], (groupId, version, cipherSuite2, extensions) => ({ groupId, version, cipherSuite: cipherSuite2, extensions }));
var externalInitEncoder = contramapBufferEncoder(varLenDataEncoder, (e) => e.kemOutput);
var encodeExternalInit = encode(externalInitEncoder);
var decodeExternalInit = mapDecoder(decodeVarLenData, (kemOutput) => ({ kemOutput }));
var groupContextExtensionsEncoder = contramapBufferEncoder(varLenTypeEncoder(extensionEncoder), (g) => g.extensions);
var encodeGroupContextExtensions = encode(groupContextExtensionsEncoder);
var decodeGroupContextExtensions = mapDecoder(decodeVarLenType(decodeExtension), (extensions) => ({ extensions }));
var proposalAddEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, addEncoder], (p) => [p.proposalType, p.add]);
var encodeProposalAdd = encode(proposalAddEncoder);
var proposalUpdateEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, updateEncoder], (p) => [p.proposalType, p.update]);
var encodeProposalUpdate = encode(proposalUpdateEncoder);
var proposalRemoveEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, removeEncoder], (p) => [p.proposalType, p.remove]);
var encodeProposalRemove = encode(proposalRemoveEncoder);
var proposalPSKEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, pskEncoder], (p) => [p.proposalType, p.psk]);
var encodeProposalPSK = encode(proposalPSKEncoder);
var proposalReinitEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, reinitEncoder], (p) => [p.proposalType, p.reinit]);
var encodeProposalReinit = encode(proposalReinitEncoder);
var proposalExternalInitEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, externalInitEncoder], (p) => [p.proposalType, p.externalInit]);
var encodeProposalExternalInit = encode(proposalExternalInitEncoder);
var proposalGroupContextExtensionsEncoder = contramapBufferEncoders([defaultProposalTypeEncoder, groupContextExtensionsEncoder], (p) => [p.proposalType, p.groupContextExtensions]);
var encodeProposalGroupContextExtensions = encode(proposalGroupContextExtensionsEncoder);
var proposalCustomEncoder = contramapBufferEncoders([uint16Encoder, varLenDataEncoder], (p) => [p.proposalType, p.proposalData]);
var encodeProposalCustom = encode(proposalCustomEncoder);
var proposalEncoder = (p) => {
  switch (p.proposalType) {
    case "add":
      return proposalAddEncoder(p);
    case "update":
      return proposalUpdateEncoder(p);
    case "remove":
      return proposalRemoveEncoder(p);
    case "psk":
      return proposalPSKEncoder(p);
    case "reinit":
      return proposalReinitEncoder(p);
    case "external_init":
      return proposalExternalInitEncoder(p);
    case "group_context_extensions":
      return proposalGroupContextExtensionsEncoder(p);
    default:
      return proposalCustomEncoder(p);
  }
};
var encodeProposal = encode(proposalEncoder);
var decodeProposalAdd = mapDecoder(decodeAdd, (add3) => ({ proposalType: "add", add: add3 }));
var decodeProposalUpdate = mapDecoder(decodeUpdate, (update) => ({
  proposalType: "update",
  update
}));
var decodeProposalRemove = mapDecoder(decodeRemove, (remove) => ({
  proposalType: "remove",
  remove
}));
var decodeProposalPSK = mapDecoder(decodePSK, (psk) => ({ proposalType: "psk", psk }));
var decodeProposalReinit = mapDecoder(decodeReinit, (reinit) => ({
  proposalType: "reinit",
  reinit
}));
var decodeProposalExternalInit = mapDecoder(decodeExternalInit, (externalInit) => ({ proposalType: "external_init", externalInit }));
var decodeProposalGroupContextExtensions = mapDecoder(decodeGroupContextExtensions, (groupContextExtensions) => ({ proposalType: "group_context_extensions", groupContextExtensions }));
function decodeProposalCustom(proposalType) {
  return mapDecoder(decodeVarLenData, (proposalData) => ({ proposalType, proposalData }));
}
var decodeProposal = orDecoder(flatMapDecoder(decodeDefaultProposalType, (proposalType) => {
  switch (proposalType) {
    case "add":
      return decodeProposalAdd;
    case "update":
      return decodeProposalUpdate;
    case "remove":
      return decodeProposalRemove;
    case "psk":
      return decodeProposalPSK;
    case "reinit":
      return decodeProposalReinit;
    case "external_init":
      return decodeProposalExternalInit;
    case "group_context_extensions":
      return decodeProposalGroupContextExtensions;
  }
}), flatMapDecoder(decodeUint16, (n) => decodeProposalCustom(n)));

// node_modules/ts-mls/dist/src/proposalOrRefType.js
var proposalOrRefTypes = {
  proposal: 1,
  reference: 2
};
var proposalOrRefTypeEncoder = contramapBufferEncoder(uint8Encoder, (t) => proposalOrRefTypes[t]);
var encodeProposalOrRefType = encode(proposalOrRefTypeEncoder);
var decodeProposalOrRefType = mapDecoderOption(decodeUint8, enumNumberToKey(proposalOrRefTypes));
var proposalOrRefProposalEncoder = contramapBufferEncoders([proposalOrRefTypeEncoder, proposalEncoder], (p) => [p.proposalOrRefType, p.proposal]);
var encodeProposalOrRefProposal = encode(proposalOrRefProposalEncoder);
var proposalOrRefProposalRefEncoder = contramapBufferEncoders([proposalOrRefTypeEncoder, varLenDataEncoder], (r) => [r.proposalOrRefType, r.reference]);
var encodeProposalOrRefProposalRef = encode(proposalOrRefProposalRefEncoder);
var proposalOrRefEncoder = (input) => {
  switch (input.proposalOrRefType) {
    case "proposal":
      return proposalOrRefProposalEncoder(input);
    case "reference":
      return proposalOrRefProposalRefEncoder(input);
  }
};
var encodeProposalOrRef = encode(proposalOrRefEncoder);
var decodeProposalOrRef = flatMapDecoder(decodeProposalOrRefType, (proposalOrRefType) => {
  switch (proposalOrRefType) {
    case "proposal":
      return mapDecoder(decodeProposal, (proposal) => ({ proposalOrRefType, proposal }));
    case "reference":
      return mapDecoder(decodeVarLenData, (reference) => ({ proposalOrRefType, reference }));
  }
});

// node_modules/ts-mls/dist/src/crypto/hpke.js
function encryptWithLabel(publicKey, label, context, plaintext, hpke2) {
  return hpke2.seal(publicKey, plaintext, encode(composeBufferEncoders([varLenDataEncoder, varLenDataEncoder]))([
    new TextEncoder().encode(`MLS 1.0 ${label}`),
    context
  ]), new Uint8Array());
}
function decryptWithLabel(privateKey, label, context, kemOutput, ciphertext, hpke2) {
  return hpke2.open(privateKey, kemOutput, ciphertext, encode(composeBufferEncoders([varLenDataEncoder, varLenDataEncoder]))([
    new TextEncoder().encode(`MLS 1.0 ${label}`),
    context
  ]));
}

// node_modules/ts-mls/dist/src/groupContext.js
var groupContextEncoder = contramapBufferEncoders([
  protocolVersionEncoder,
  ciphersuiteEncoder,
  varLenDataEncoder,
  // groupId
  uint64Encoder,
  // epoch
  varLenDataEncoder,
  // treeHash
  varLenDataEncoder,
  // confirmedTranscriptHash
  varLenTypeEncoder(extensionEncoder)
], (gc) => [gc.version, gc.cipherSuite, gc.groupId, gc.epoch, gc.treeHash, gc.confirmedTranscriptHash, gc.extensions]);
var encodeGroupContext = encode(groupContextEncoder);
var decodeGroupContext = mapDecoders([
  decodeProtocolVersion,
  decodeCiphersuite,
  decodeVarLenData,
  // groupId
  decodeUint64,
  // epoch
  decodeVarLenData,
  // treeHash
  decodeVarLenData,
  // confirmedTranscriptHash
  decodeVarLenType(decodeExtension)
], (version, cipherSuite2, groupId, epoch, treeHash2, confirmedTranscriptHash, extensions) => ({
  version,
  cipherSuite: cipherSuite2,
  groupId,
  epoch,
  treeHash: treeHash2,
  confirmedTranscriptHash,
  extensions
}));
async function extractEpochSecret(context, joinerSecret, kdf, pskSecret) {
  const psk = pskSecret === void 0 ? new Uint8Array(kdf.size) : pskSecret;
  const extracted = await kdf.extract(joinerSecret, psk);
  return expandWithLabel(extracted, "epoch", encode(groupContextEncoder)(context), kdf.size, kdf);
}
async function extractJoinerSecret(context, previousInitSecret, commitSecret, kdf) {
  const extracted = await kdf.extract(previousInitSecret, commitSecret);
  return expandWithLabel(extracted, "joiner", encode(groupContextEncoder)(context), kdf.size, kdf);
}

// node_modules/ts-mls/dist/src/nodeType.js
var nodeTypes = {
  leaf: 1,
  parent: 2
};
var nodeTypeEncoder = contramapBufferEncoder(uint8Encoder, (t) => nodeTypes[t]);
var encodeNodeType = encode(nodeTypeEncoder);
var decodeNodeType = mapDecoderOption(decodeUint8, enumNumberToKey(nodeTypes));

// node_modules/ts-mls/dist/src/parentNode.js
var parentNodeEncoder = contramapBufferEncoders([varLenDataEncoder, varLenDataEncoder, varLenTypeEncoder(uint32Encoder)], (node) => [node.hpkePublicKey, node.parentHash, node.unmergedLeaves]);
var encodeParentNode = encode(parentNodeEncoder);
var decodeParentNode = mapDecoders([decodeVarLenData, decodeVarLenData, decodeVarLenType(decodeUint32)], (hpkePublicKey, parentHash, unmergedLeaves) => ({
  hpkePublicKey,
  parentHash,
  unmergedLeaves
}));

// node_modules/ts-mls/dist/src/treemath.js
function toNodeIndex(n) {
  return n;
}
function toLeafIndex(n) {
  return n;
}
function log2(x) {
  if (x === 0)
    return 0;
  let k = 0;
  while (x >> k > 0) {
    k++;
  }
  return k - 1;
}
function level(nodeIndex) {
  if ((nodeIndex & 1) === 0)
    return 0;
  let k = 0;
  while ((nodeIndex >> k & 1) === 1) {
    k++;
  }
  return k;
}
function isLeaf(nodeIndex) {
  return nodeIndex % 2 == 0;
}
function leafToNodeIndex(leafIndex) {
  return toNodeIndex(leafIndex * 2);
}
function nodeToLeafIndex(nodeIndex) {
  return toLeafIndex(nodeIndex / 2);
}
function leafWidth(nodeWidth2) {
  return nodeWidth2 == 0 ? 0 : (nodeWidth2 - 1) / 2 + 1;
}
function nodeWidth(leafWidth2) {
  return leafWidth2 === 0 ? 0 : 2 * (leafWidth2 - 1) + 1;
}
function rootFromNodeWidth(nodeWidth2) {
  return toNodeIndex((1 << log2(nodeWidth2)) - 1);
}
function root(leafWidth2) {
  const w = nodeWidth(leafWidth2);
  return rootFromNodeWidth(w);
}
function left(nodeIndex) {
  const k = level(nodeIndex);
  if (k === 0)
    throw new InternalError("leaf node has no children");
  return toNodeIndex(nodeIndex ^ 1 << k - 1);
}
function right(nodeIndex) {
  const k = level(nodeIndex);
  if (k === 0)
    throw new InternalError("leaf node has no children");
  return toNodeIndex(nodeIndex ^ 3 << k - 1);
}
function parent(nodeIndex, leafWidth2) {
  if (nodeIndex === root(leafWidth2))
    throw new InternalError("root node has no parent");
  const k = level(nodeIndex);
  const b = nodeIndex >> k + 1 & 1;
  return toNodeIndex((nodeIndex | 1 << k) ^ b << k + 1);
}
function sibling(x, leafWidth2) {
  const p = parent(x, leafWidth2);
  return x < p ? right(p) : left(p);
}
function directPath(nodeIndex, leafWidth2) {
  const r = root(leafWidth2);
  if (nodeIndex === r)
    return [];
  const d = [];
  while (nodeIndex !== r) {
    nodeIndex = parent(nodeIndex, leafWidth2);
    d.push(nodeIndex);
  }
  return d;
}
function copath(nodeIndex, leafWidth2) {
  if (nodeIndex === root(leafWidth2))
    return [];
  const d = directPath(nodeIndex, leafWidth2);
  d.unshift(nodeIndex);
  d.pop();
  return d.map((y) => sibling(y, leafWidth2));
}
function isAncestor(childNodeIndex, ancestor, nodeWidth2) {
  return directPath(childNodeIndex, leafWidth(nodeWidth2)).includes(ancestor);
}

// node_modules/ts-mls/dist/src/ratchetTree.js
var nodeEncoder = (node) => {
  switch (node.nodeType) {
    case "parent":
      return contramapBufferEncoders([nodeTypeEncoder, parentNodeEncoder], (n) => [n.nodeType, n.parent])(node);
    case "leaf":
      return contramapBufferEncoders([nodeTypeEncoder, leafNodeEncoder], (n) => [n.nodeType, n.leaf])(node);
  }
};
var encodeNode = encode(nodeEncoder);
var decodeNode = flatMapDecoder(decodeNodeType, (nodeType) => {
  switch (nodeType) {
    case "parent":
      return mapDecoder(decodeParentNode, (parent2) => ({
        nodeType,
        parent: parent2
      }));
    case "leaf":
      return mapDecoder(decodeLeafNode, (leaf) => ({
        nodeType,
        leaf
      }));
  }
});
function getHpkePublicKey(n) {
  switch (n.nodeType) {
    case "parent":
      return n.parent.hpkePublicKey;
    case "leaf":
      return n.leaf.hpkePublicKey;
  }
}
function extendRatchetTree(tree) {
  const lastIndex = tree.length - 1;
  if (tree[lastIndex] === void 0) {
    throw new InternalError("The last node in the ratchet tree must be non-blank.");
  }
  const neededSize = nextFullBinaryTreeSize(tree.length);
  const copy = tree.slice();
  while (copy.length < neededSize) {
    copy.push(void 0);
  }
  return copy;
}
function nextFullBinaryTreeSize(n) {
  let d = 0;
  while ((1 << d + 1) - 1 < n) {
    d++;
  }
  return (1 << d + 1) - 1;
}
function stripBlankNodes(tree) {
  let lastNonBlank = tree.length - 1;
  while (lastNonBlank >= 0 && tree[lastNonBlank] === void 0) {
    lastNonBlank--;
  }
  return tree.slice(0, lastNonBlank + 1);
}
var ratchetTreeEncoder = contramapBufferEncoder(varLenTypeEncoder(optionalEncoder(nodeEncoder)), stripBlankNodes);
var encodeRatchetTree = encode(ratchetTreeEncoder);
var decodeRatchetTree = mapDecoder(decodeVarLenType(decodeOptional(decodeNode)), extendRatchetTree);
function findBlankLeafNodeIndex(tree) {
  const nodeIndex = tree.findIndex((node, nodeIndex2) => node === void 0 && isLeaf(toNodeIndex(nodeIndex2)));
  if (nodeIndex < 0)
    return void 0;
  else
    return toNodeIndex(nodeIndex);
}
function findBlankLeafNodeIndexOrExtend(tree) {
  const blankLeaf = findBlankLeafNodeIndex(tree);
  return blankLeaf === void 0 ? toNodeIndex(tree.length + 1) : blankLeaf;
}
function extendTree(tree, leafNode) {
  const newRoot = void 0;
  const insertedNodeIndex = toNodeIndex(tree.length + 1);
  const newTree = [
    ...tree,
    newRoot,
    { nodeType: "leaf", leaf: leafNode },
    ...new Array(tree.length - 1)
  ];
  return [newTree, insertedNodeIndex];
}
function addLeafNode(tree, leafNode) {
  const blankLeaf = findBlankLeafNodeIndex(tree);
  if (blankLeaf === void 0) {
    return extendTree(tree, leafNode);
  }
  const insertedLeafIndex = nodeToLeafIndex(blankLeaf);
  const dp = directPath(blankLeaf, leafWidth(tree.length));
  const copy = tree.slice();
  for (const nodeIndex of dp) {
    const node = tree[nodeIndex];
    if (node !== void 0) {
      const parentNode = node;
      const updated = {
        nodeType: "parent",
        parent: { ...parentNode.parent, unmergedLeaves: [...parentNode.parent.unmergedLeaves, insertedLeafIndex] }
      };
      copy[nodeIndex] = updated;
    }
  }
  copy[blankLeaf] = { nodeType: "leaf", leaf: leafNode };
  return [copy, blankLeaf];
}
function updateLeafNode(tree, leafNode, leafIndex) {
  const leafNodeIndex = leafToNodeIndex(leafIndex);
  const pathToBlank = directPath(leafNodeIndex, leafWidth(tree.length));
  const copy = tree.slice();
  for (const nodeIndex of pathToBlank) {
    const node = tree[nodeIndex];
    if (node !== void 0) {
      copy[nodeIndex] = void 0;
    }
  }
  copy[leafNodeIndex] = { nodeType: "leaf", leaf: leafNode };
  return copy;
}
function removeLeafNode(tree, removedLeafIndex) {
  const leafNodeIndex = leafToNodeIndex(removedLeafIndex);
  const pathToBlank = directPath(leafNodeIndex, leafWidth(tree.length));
  const copy = tree.slice();
  for (const nodeIndex of pathToBlank) {
    const node = tree[nodeIndex];
    if (node !== void 0) {
      copy[nodeIndex] = void 0;
    }
  }
  copy[leafNodeIndex] = void 0;
  return condenseRatchetTreeAfterRemove(copy);
}
function condenseRatchetTreeAfterRemove(tree) {
  return extendRatchetTree(stripBlankNodes(tree));
}
function resolution(tree, nodeIndex) {
  const node = tree[nodeIndex];
  if (node === void 0) {
    if (isLeaf(nodeIndex)) {
      return [];
    }
    const l = left(nodeIndex);
    const r = right(nodeIndex);
    const leftRes = resolution(tree, l);
    const rightRes = resolution(tree, r);
    return [...leftRes, ...rightRes];
  }
  if (isLeaf(nodeIndex)) {
    return [nodeIndex];
  }
  const unmerged = node.nodeType === "parent" ? node.parent.unmergedLeaves : [];
  return [nodeIndex, ...unmerged.map((u) => leafToNodeIndex(toLeafIndex(u)))];
}
function filteredDirectPath(leafIndex, tree) {
  const leafNodeIndex = leafToNodeIndex(leafIndex);
  const leafWidth2 = nodeToLeafIndex(toNodeIndex(tree.length));
  const cp = copath(leafNodeIndex, leafWidth2);
  return directPath(leafNodeIndex, leafWidth2).filter((_nodeIndex, n) => resolution(tree, cp[n]).length !== 0);
}
function filteredDirectPathAndCopathResolution(leafIndex, tree) {
  const leafNodeIndex = leafToNodeIndex(leafIndex);
  const lWidth = leafWidth(tree.length);
  const cp = copath(leafNodeIndex, lWidth);
  return directPath(leafNodeIndex, lWidth).reduce((acc, cur, n) => {
    const r = resolution(tree, cp[n]);
    if (r.length === 0)
      return acc;
    else
      return [...acc, { nodeIndex: cur, resolution: r }];
  }, []);
}
function removeLeaves(tree, leafIndices) {
  const copy = tree.slice();
  function shouldBeRemoved(leafIndex) {
    return leafIndices.find((x) => leafIndex === x) !== void 0;
  }
  for (const [i, n] of tree.entries()) {
    if (n !== void 0) {
      const nodeIndex = toNodeIndex(i);
      if (isLeaf(nodeIndex) && shouldBeRemoved(nodeToLeafIndex(nodeIndex))) {
        copy[i] = void 0;
      } else if (n.nodeType === "parent") {
        copy[i] = {
          ...n,
          parent: { ...n.parent, unmergedLeaves: n.parent.unmergedLeaves.filter((l) => !shouldBeRemoved(l)) }
        };
      }
    }
  }
  return condenseRatchetTreeAfterRemove(copy);
}
function traverseToRoot(tree, leafIndex, f) {
  const rootIndex = root(leafWidth(tree.length));
  let currentIndex = leafToNodeIndex(leafIndex);
  while (currentIndex != rootIndex) {
    currentIndex = parent(currentIndex, leafWidth(tree.length));
    const currentNode = tree[currentIndex];
    if (currentNode !== void 0) {
      if (currentNode.nodeType === "leaf") {
        throw new InternalError("Expected parent node");
      }
      const result = f(currentIndex, currentNode.parent);
      if (result !== void 0) {
        return [result, currentIndex];
      }
    }
  }
}
function findFirstNonBlankAncestor(tree, nodeIndex) {
  return traverseToRoot(tree, nodeToLeafIndex(nodeIndex), (nodeIndex2, _node) => nodeIndex2)?.[0] ?? root(leafWidth(tree.length));
}
function findLeafIndex(tree, leaf) {
  const foundIndex = tree.findIndex((node, nodeIndex) => {
    if (isLeaf(toNodeIndex(nodeIndex)) && node !== void 0) {
      if (node.nodeType === "parent")
        throw new InternalError("Found parent node in leaf node position");
      return constantTimeEqual(encode(leafNodeEncoder)(node.leaf), encode(leafNodeEncoder)(leaf));
    }
    return false;
  });
  return foundIndex === -1 ? void 0 : nodeToLeafIndex(toNodeIndex(foundIndex));
}
function getSignaturePublicKeyFromLeafIndex(ratchetTree, leafIndex) {
  const leafNode = ratchetTree[leafToNodeIndex(leafIndex)];
  if (leafNode === void 0 || leafNode.nodeType === "parent")
    throw new ValidationError("Unable to find leafnode for leafIndex");
  return leafNode.leaf.signaturePublicKey;
}

// node_modules/ts-mls/dist/src/treeHash.js
var leafNodeHashInputEncoder = contramapBufferEncoders([nodeTypeEncoder, uint32Encoder, optionalEncoder(leafNodeEncoder)], (input) => [input.nodeType, input.leafIndex, input.leafNode]);
var encodeLeafNodeHashInput = encode(leafNodeHashInputEncoder);
var decodeLeafNodeHashInput = mapDecoders([decodeUint32, decodeOptional(decodeLeafNode)], (leafIndex, leafNode) => ({
  nodeType: "leaf",
  leafIndex,
  leafNode
}));
var parentNodeHashInputEncoder = contramapBufferEncoders([nodeTypeEncoder, optionalEncoder(parentNodeEncoder), varLenDataEncoder, varLenDataEncoder], (input) => [input.nodeType, input.parentNode, input.leftHash, input.rightHash]);
var encodeParentNodeHashInput = encode(parentNodeHashInputEncoder);
var decodeParentNodeHashInput = mapDecoders([decodeOptional(decodeParentNode), decodeVarLenData, decodeVarLenData], (parentNode, leftHash, rightHash) => ({
  nodeType: "parent",
  parentNode,
  leftHash,
  rightHash
}));
var treeHashInputEncoder = (input) => {
  switch (input.nodeType) {
    case "leaf":
      return leafNodeHashInputEncoder(input);
    case "parent":
      return parentNodeHashInputEncoder(input);
  }
};
var encodeTreeHashInput = encode(treeHashInputEncoder);
var decodeTreeHashInput = flatMapDecoder(decodeNodeType, (nodeType) => {
  switch (nodeType) {
    case "leaf":
      return decodeLeafNodeHashInput;
    case "parent":
      return decodeParentNodeHashInput;
  }
});
async function treeHashRoot(tree, h) {
  return treeHash(tree, rootFromNodeWidth(tree.length), h);
}
async function treeHash(tree, subtreeIndex, h) {
  if (isLeaf(subtreeIndex)) {
    const leafNode = tree[subtreeIndex];
    if (leafNode?.nodeType === "parent")
      throw new InternalError("Somehow found parent node in leaf position");
    const input = encode(leafNodeHashInputEncoder)({
      nodeType: "leaf",
      leafIndex: nodeToLeafIndex(subtreeIndex),
      leafNode: leafNode?.leaf
    });
    return await h.digest(input);
  } else {
    const parentNode = tree[subtreeIndex];
    if (parentNode?.nodeType === "leaf")
      throw new InternalError("Somehow found leaf node in parent position");
    const leftHash = await treeHash(tree, left(subtreeIndex), h);
    const rightHash = await treeHash(tree, right(subtreeIndex), h);
    const input = {
      nodeType: "parent",
      parentNode: parentNode?.parent,
      leftHash,
      rightHash
    };
    return await h.digest(encode(parentNodeHashInputEncoder)(input));
  }
}

// node_modules/ts-mls/dist/src/parentHash.js
var parentHashInputEncoder = contramapBufferEncoders([varLenDataEncoder, varLenDataEncoder, varLenDataEncoder], (i) => [i.encryptionKey, i.parentHash, i.originalSiblingTreeHash]);
var encodeParentHashInput = encode(parentHashInputEncoder);
var decodeParentHashInput = mapDecoders([decodeVarLenData, decodeVarLenData, decodeVarLenData], (encryptionKey, parentHash, originalSiblingTreeHash) => ({
  encryptionKey,
  parentHash,
  originalSiblingTreeHash
}));
function validateParentHashCoverage(parentIndices, coverage) {
  for (const index of parentIndices) {
    if ((coverage[index] ?? 0) !== 1) {
      return false;
    }
  }
  return true;
}
async function verifyParentHashes(tree, h) {
  const parentNodes = tree.reduce((acc, cur, index) => {
    if (cur !== void 0 && cur.nodeType === "parent") {
      return [...acc, index];
    } else
      return acc;
  }, []);
  if (parentNodes.length === 0)
    return true;
  const coverage = await parentHashCoverage(tree, h);
  return validateParentHashCoverage(parentNodes, coverage);
}
function parentHashCoverage(tree, h) {
  return tree.reduce(async (acc, node, nodeIndex) => {
    let currentIndex = toNodeIndex(nodeIndex);
    if (!isLeaf(currentIndex) || node === void 0)
      return acc;
    let updated = { ...await acc };
    const rootIndex = root(leafWidth(tree.length));
    while (currentIndex !== rootIndex) {
      const currentNode = tree[currentIndex];
      if (currentNode === void 0) {
        continue;
      }
      const [parentHash, parentHashNodeIndex] = await calculateParentHash(tree, currentIndex, h);
      if (parentHashNodeIndex === void 0) {
        throw new InternalError("Reached root before completing parent hash coeverage");
      }
      const expectedParentHash = getParentHash(currentNode);
      if (expectedParentHash !== void 0 && constantTimeEqual(parentHash, expectedParentHash)) {
        const newCount = (updated[parentHashNodeIndex] ?? 0) + 1;
        updated = { ...updated, [parentHashNodeIndex]: newCount };
      } else {
        break;
      }
      currentIndex = parentHashNodeIndex;
    }
    return updated;
  }, Promise.resolve({}));
}
function getParentHash(node) {
  if (node.nodeType === "parent")
    return node.parent.parentHash;
  else if (node.leaf.leafNodeSource === "commit")
    return node.leaf.parentHash;
}
async function calculateParentHash(tree, nodeIndex, h) {
  const rootIndex = root(leafWidth(tree.length));
  if (nodeIndex === rootIndex) {
    return [new Uint8Array(), void 0];
  }
  const parentNodeIndex = findFirstNonBlankAncestor(tree, nodeIndex);
  const parentNode = tree[parentNodeIndex];
  if (parentNodeIndex === rootIndex && parentNode === void 0) {
    return [new Uint8Array(), parentNodeIndex];
  }
  const siblingIndex = nodeIndex < parentNodeIndex ? right(parentNodeIndex) : left(parentNodeIndex);
  if (parentNode === void 0 || parentNode.nodeType === "leaf")
    throw new InternalError("Expected non-blank parent Node");
  const removedUnmerged = removeLeaves(tree, parentNode.parent.unmergedLeaves);
  const originalSiblingTreeHash = await treeHash(removedUnmerged, siblingIndex, h);
  const input = {
    encryptionKey: parentNode.parent.hpkePublicKey,
    parentHash: parentNode.parent.parentHash,
    originalSiblingTreeHash
  };
  return [await h.digest(encode(parentHashInputEncoder)(input)), parentNodeIndex];
}

// node_modules/ts-mls/dist/src/hpkeCiphertext.js
var hpkeCiphertextEncoder = contramapBufferEncoders([varLenDataEncoder, varLenDataEncoder], (egs) => [egs.kemOutput, egs.ciphertext]);
var encodeHpkeCiphertext = encode(hpkeCiphertextEncoder);
var decodeHpkeCiphertext = mapDecoders([decodeVarLenData, decodeVarLenData], (kemOutput, ciphertext) => ({ kemOutput, ciphertext }));

// node_modules/ts-mls/dist/src/updatePath.js
var updatePathNodeEncoder = contramapBufferEncoders([varLenDataEncoder, varLenTypeEncoder(hpkeCiphertextEncoder)], (node) => [node.hpkePublicKey, node.encryptedPathSecret]);
var encodeUpdatePathNode = encode(updatePathNodeEncoder);
var decodeUpdatePathNode = mapDecoders([decodeVarLenData, decodeVarLenType(decodeHpkeCiphertext)], (hpkePublicKey, encryptedPathSecret) => ({ hpkePublicKey, encryptedPathSecret }));
var updatePathEncoder = contramapBufferEncoders([leafNodeEncoder, varLenTypeEncoder(updatePathNodeEncoder)], (path) => [path.leafNode, path.nodes]);
var encodeUpdatePath = encode(updatePathEncoder);
var decodeUpdatePath = mapDecoders([decodeLeafNodeCommit, decodeVarLenType(decodeUpdatePathNode)], (leafNode, nodes) => ({ leafNode, nodes }));
async function createUpdatePath(originalTree, senderLeafIndex, groupContext, signaturePrivateKey, cs, excludeNodes = []) {
  const originalLeafNode = originalTree[leafToNodeIndex(senderLeafIndex)];
  if (originalLeafNode === void 0 || originalLeafNode.nodeType === "parent")
    throw new InternalError("Expected non-blank leaf node");
  const pathSecret = cs.rng.randomBytes(cs.kdf.size);
  const leafNodeSecret = await deriveSecret(pathSecret, "node", cs.kdf);
  const leafKeypair = await cs.hpke.deriveKeyPair(leafNodeSecret);
  const fdp = filteredDirectPathAndCopathResolution(senderLeafIndex, originalTree);
  const copy = originalTree.slice();
  blankStructuralDirectPath(copy, senderLeafIndex);
  const [ps, updatedTree] = await applyInitialTreeUpdate(fdp, pathSecret, senderLeafIndex, copy, cs, new Set(excludeNodes));
  const treeWithHashes = await insertParentHashes(fdp, updatedTree, cs);
  const leafParentHash = await calculateParentHash(treeWithHashes, leafToNodeIndex(senderLeafIndex), cs.hash);
  const updatedLeafNodeTbs = {
    leafNodeSource: "commit",
    hpkePublicKey: await cs.hpke.exportPublicKey(leafKeypair.publicKey),
    extensions: originalLeafNode.leaf.extensions,
    capabilities: originalLeafNode.leaf.capabilities,
    credential: originalLeafNode.leaf.credential,
    signaturePublicKey: originalLeafNode.leaf.signaturePublicKey,
    parentHash: leafParentHash[0],
    groupId: groupContext.groupId,
    leafIndex: senderLeafIndex
  };
  const updatedLeafNode = await signLeafNodeCommit(updatedLeafNodeTbs, signaturePrivateKey, cs.signature);
  treeWithHashes[leafToNodeIndex(senderLeafIndex)] = {
    nodeType: "leaf",
    leaf: updatedLeafNode
  };
  const updatedTreeHash = await treeHashRoot(treeWithHashes, cs.hash);
  const updatedGroupContext = {
    ...groupContext,
    treeHash: updatedTreeHash,
    epoch: groupContext.epoch + 1n
  };
  const pathSecrets = ps.slice(0, ps.length - 1).reverse();
  const updatePathNodes = await Promise.all(pathSecrets.map(encryptSecretsForPath(originalTree, treeWithHashes, updatedGroupContext, cs)));
  const updatePath = { leafNode: updatedLeafNode, nodes: updatePathNodes };
  return [treeWithHashes, updatePath, pathSecrets, leafKeypair.privateKey];
}
function encryptSecretsForPath(originalTree, updatedTree, updatedGroupContext, cs) {
  return async (pathSecret) => {
    const key = getHpkePublicKey(updatedTree[pathSecret.nodeIndex]);
    const res = {
      hpkePublicKey: key,
      encryptedPathSecret: await Promise.all(pathSecret.sendTo.map(async (nodeIndex) => {
        const { ct, enc } = await encryptWithLabel(await cs.hpke.importPublicKey(getHpkePublicKey(originalTree[nodeIndex])), "UpdatePathNode", encode(groupContextEncoder)(updatedGroupContext), pathSecret.secret, cs.hpke);
        return { ciphertext: ct, kemOutput: enc };
      }))
    };
    return res;
  };
}
async function insertParentHashes(fdp, tree, cs) {
  for (let x = fdp.length - 1; x >= 0; x--) {
    const { nodeIndex } = fdp[x];
    const parentHash = await calculateParentHash(tree, nodeIndex, cs.hash);
    const currentNode = tree[nodeIndex];
    if (currentNode === void 0 || currentNode.nodeType === "leaf")
      throw new InternalError("Expected non-blank parent node");
    const updatedNode = { nodeType: "parent", parent: { ...currentNode.parent, parentHash: parentHash[0] } };
    tree[nodeIndex] = updatedNode;
  }
  return tree;
}
async function applyInitialTreeUpdate(fdp, pathSecret, senderLeafIndex, tree, cs, excludeNodes = /* @__PURE__ */ new Set()) {
  return await fdp.reduce(async (acc, { nodeIndex, resolution: resolution2 }) => {
    const [pathSecrets, tree2] = await acc;
    const lastPathSecret = pathSecrets[0];
    const nextPathSecret = await deriveSecret(lastPathSecret.secret, "path", cs.kdf);
    const nextNodeSecret = await deriveSecret(nextPathSecret, "node", cs.kdf);
    const { publicKey } = await cs.hpke.deriveKeyPair(nextNodeSecret);
    tree2[nodeIndex] = {
      nodeType: "parent",
      parent: {
        hpkePublicKey: await cs.hpke.exportPublicKey(publicKey),
        parentHash: new Uint8Array(),
        unmergedLeaves: []
      }
    };
    const sendTo = excludeNodes.size === 0 ? resolution2 : resolution2.filter((nodeIndex2) => !excludeNodes.has(nodeIndex2));
    return [[{ nodeIndex, secret: nextPathSecret, sendTo }, ...pathSecrets], tree2];
  }, Promise.resolve([[{ secret: pathSecret, nodeIndex: leafToNodeIndex(senderLeafIndex), sendTo: [] }], tree]));
}
function blankStructuralDirectPath(tree, senderLeafIndex) {
  for (const nodeIndex of directPath(leafToNodeIndex(senderLeafIndex), leafWidth(tree.length))) {
    tree[nodeIndex] = void 0;
  }
}
async function applyUpdatePath(tree, senderLeafIndex, path, h, isExternal = false) {
  if (!isExternal) {
    const leafToUpdate = tree[leafToNodeIndex(senderLeafIndex)];
    if (leafToUpdate === void 0 || leafToUpdate.nodeType === "parent")
      throw new InternalError("Leaf node not defined or is parent");
    const leafNodePublicKeyNotNew = constantTimeEqual(leafToUpdate.leaf.hpkePublicKey, path.leafNode.hpkePublicKey);
    if (leafNodePublicKeyNotNew)
      throw new ValidationError("Public key in the LeafNode is the same as the committer's current leaf node");
  }
  const pathNodePublicKeysExistInTree = path.nodes.some((node) => tree.some((treeNode) => {
    return treeNode?.nodeType === "parent" ? constantTimeEqual(treeNode.parent.hpkePublicKey, node.hpkePublicKey) : false;
  }));
  if (pathNodePublicKeysExistInTree)
    throw new ValidationError("Public keys in the UpdatePath may not appear in a node of the new ratchet tree");
  const copy = tree.slice();
  copy[leafToNodeIndex(senderLeafIndex)] = { nodeType: "leaf", leaf: path.leafNode };
  const reverseFilteredDirectPath = filteredDirectPath(senderLeafIndex, tree).reverse();
  blankStructuralDirectPath(copy, senderLeafIndex);
  const reverseUpdatePath = path.nodes.slice().reverse();
  if (reverseUpdatePath.length !== reverseFilteredDirectPath.length) {
    throw new ValidationError("Invalid length of UpdatePath");
  }
  for (const [level2, nodeIndex] of reverseFilteredDirectPath.entries()) {
    const parentHash = await calculateParentHash(copy, nodeIndex, h);
    copy[nodeIndex] = {
      nodeType: "parent",
      parent: { hpkePublicKey: reverseUpdatePath[level2].hpkePublicKey, unmergedLeaves: [], parentHash: parentHash[0] }
    };
  }
  const leafParentHash = await calculateParentHash(copy, leafToNodeIndex(senderLeafIndex), h);
  if (!constantTimeEqual(leafParentHash[0], path.leafNode.parentHash))
    throw new ValidationError("Parent hash did not match the UpdatePath");
  return copy;
}
function firstCommonAncestor(tree, leafIndex, senderLeafIndex) {
  const fdp = filteredDirectPathAndCopathResolution(senderLeafIndex, tree);
  for (const { nodeIndex } of fdp) {
    if (isAncestor(leafToNodeIndex(leafIndex), nodeIndex, tree.length)) {
      return nodeIndex;
    }
  }
  throw new ValidationError("Could not find common ancestor");
}
function firstMatchAncestor(tree, leafIndex, senderLeafIndex, path) {
  const fdp = filteredDirectPathAndCopathResolution(senderLeafIndex, tree);
  for (const [n, { nodeIndex, resolution: resolution2 }] of fdp.entries()) {
    if (isAncestor(leafToNodeIndex(leafIndex), nodeIndex, tree.length)) {
      return { nodeIndex, resolution: resolution2, updateNode: path.nodes[n] };
    }
  }
  throw new ValidationError("Could not find common ancestor");
}

// node_modules/ts-mls/dist/src/commit.js
var commitEncoder = contramapBufferEncoders([varLenTypeEncoder(proposalOrRefEncoder), optionalEncoder(updatePathEncoder)], (commit) => [commit.proposals, commit.path]);
var encodeCommit = encode(commitEncoder);
var decodeCommit = mapDecoders([decodeVarLenType(decodeProposalOrRef), decodeOptional(decodeUpdatePath)], (proposals, path) => ({ proposals, path }));

// node_modules/ts-mls/dist/src/contentType.js
var contentTypes = {
  application: 1,
  proposal: 2,
  commit: 3
};
var contentTypeEncoder = contramapBufferEncoder(uint8Encoder, (t) => contentTypes[t]);
var encodeContentType = encode(contentTypeEncoder);
var decodeContentType = mapDecoderOption(decodeUint8, enumNumberToKey(contentTypes));

// node_modules/ts-mls/dist/src/wireformat.js
var wireformats = {
  mls_public_message: 1,
  mls_private_message: 2,
  mls_welcome: 3,
  mls_group_info: 4,
  mls_key_package: 5
};
var wireformatEncoder = (s) => contramapBufferEncoder(uint16Encoder, (t) => wireformats[t])(s);
var encodeWireformat = encode(wireformatEncoder);
var decodeWireformat = mapDecoderOption(decodeUint16, enumNumberToKey(wireformats));

// node_modules/ts-mls/dist/src/sender.js
var senderTypes = {
  member: 1,
  external: 2,
  new_member_proposal: 3,
  new_member_commit: 4
};
var senderTypeEncoder = contramapBufferEncoder(uint8Encoder, (t) => senderTypes[t]);
var encodeSenderType = encode(senderTypeEncoder);
var decodeSenderType = mapDecoderOption(decodeUint8, enumNumberToKey(senderTypes));
var senderEncoder = (s) => {
  switch (s.senderType) {
    case "member":
      return contramapBufferEncoders([senderTypeEncoder, uint32Encoder], (s2) => [s2.senderType, s2.leafIndex])(s);
    case "external":
      return contramapBufferEncoders([senderTypeEncoder, uint32Encoder], (s2) => [s2.senderType, s2.senderIndex])(s);
    case "new_member_proposal":
    case "new_member_commit":
      return senderTypeEncoder(s.senderType);
  }
};
var encodeSender = encode(senderEncoder);
var decodeSender = flatMapDecoder(decodeSenderType, (senderType) => {
  switch (senderType) {
    case "member":
      return mapDecoder(decodeUint32, (leafIndex) => ({
        senderType,
        leafIndex
      }));
    case "external":
      return mapDecoder(decodeUint32, (senderIndex) => ({
        senderType,
        senderIndex
      }));
    case "new_member_proposal":
      return mapDecoder(() => [void 0, 0], () => ({
        senderType
      }));
    case "new_member_commit":
      return mapDecoder(() => [void 0, 0], () => ({
        senderType
      }));
  }
});
function getSenderLeafNodeIndex(sender) {
  return sender.senderType === "member" ? sender.leafIndex : void 0;
}
var reuseGuardEncoder = (g) => [
  4,
  (offset, buffer) => {
    const view2 = new Uint8Array(buffer, offset, 4);
    view2.set(g, 0);
  }
];
var encodeReuseGuard = encode(reuseGuardEncoder);
var decodeReuseGuard = (b, offset) => {
  return [b.subarray(offset, offset + 4), 4];
};
var senderDataEncoder = contramapBufferEncoders([uint32Encoder, uint32Encoder, reuseGuardEncoder], (s) => [s.leafIndex, s.generation, s.reuseGuard]);
var encodeSenderData = encode(senderDataEncoder);
var decodeSenderData = mapDecoders([decodeUint32, decodeUint32, decodeReuseGuard], (leafIndex, generation, reuseGuard) => ({
  leafIndex,
  generation,
  reuseGuard
}));
var senderDataAADEncoder = contramapBufferEncoders([varLenDataEncoder, uint64Encoder, contentTypeEncoder], (aad) => [aad.groupId, aad.epoch, aad.contentType]);
var encodeSenderDataAAD = encode(senderDataAADEncoder);
var decodeSenderDataAAD = mapDecoders([decodeVarLenData, decodeUint64, decodeContentType], (groupId, epoch, contentType) => ({
  groupId,
  epoch,
  contentType
}));
function sampleCiphertext(cs, ciphertext) {
  return ciphertext.length < cs.kdf.size ? ciphertext : ciphertext.subarray(0, cs.kdf.size);
}
async function expandSenderDataKey(cs, senderDataSecret, ciphertext) {
  const ciphertextSample = sampleCiphertext(cs, ciphertext);
  const keyLength = cs.hpke.keyLength;
  return await expandWithLabel(senderDataSecret, "key", ciphertextSample, keyLength, cs.kdf);
}
async function expandSenderDataNonce(cs, senderDataSecret, ciphertext) {
  const ciphertextSample = sampleCiphertext(cs, ciphertext);
  const keyLength = cs.hpke.nonceLength;
  return await expandWithLabel(senderDataSecret, "nonce", ciphertextSample, keyLength, cs.kdf);
}

// node_modules/ts-mls/dist/src/framedContent.js
var framedContentApplicationDataEncoder = contramapBufferEncoders([contentTypeEncoder, varLenDataEncoder], (f) => [f.contentType, f.applicationData]);
var encodeFramedContentApplicationData = encode(framedContentApplicationDataEncoder);
var framedContentProposalDataEncoder = contramapBufferEncoders([contentTypeEncoder, proposalEncoder], (f) => [f.contentType, f.proposal]);
var encodeFramedContentProposalData = encode(framedContentProposalDataEncoder);
var framedContentCommitDataEncoder = contramapBufferEncoders([contentTypeEncoder, commitEncoder], (f) => [f.contentType, f.commit]);
var encodeFramedContentCommitData = encode(framedContentCommitDataEncoder);
var framedContentInfoEncoder = (fc) => {
  switch (fc.contentType) {
    case "application":
      return framedContentApplicationDataEncoder(fc);
    case "proposal":
      return framedContentProposalDataEncoder(fc);
    case "commit":
      return framedContentCommitDataEncoder(fc);
  }
};
var encodeFramedContentInfo = encode(framedContentInfoEncoder);
var decodeFramedContentApplicationData = mapDecoder(decodeVarLenData, (applicationData) => ({ contentType: "application", applicationData }));
var decodeFramedContentProposalData = mapDecoder(decodeProposal, (proposal) => ({ contentType: "proposal", proposal }));
var decodeFramedContentCommitData = mapDecoder(decodeCommit, (commit) => ({
  contentType: "commit",
  commit
}));
var decodeFramedContentInfo = flatMapDecoder(decodeContentType, (contentType) => {
  switch (contentType) {
    case "application":
      return decodeFramedContentApplicationData;
    case "proposal":
      return decodeFramedContentProposalData;
    case "commit":
      return decodeFramedContentCommitData;
  }
});
function toTbs2(content, wireformat, context) {
  return { protocolVersion: context.version, wireformat, content, senderType: content.sender.senderType, context };
}
var framedContentEncoder = contramapBufferEncoders([varLenDataEncoder, uint64Encoder, senderEncoder, varLenDataEncoder, framedContentInfoEncoder], (fc) => [fc.groupId, fc.epoch, fc.sender, fc.authenticatedData, fc]);
var encodeFramedContent = encode(framedContentEncoder);
var decodeFramedContent = mapDecoders([decodeVarLenData, decodeUint64, decodeSender, decodeVarLenData, decodeFramedContentInfo], (groupId, epoch, sender, authenticatedData, info) => ({
  groupId,
  epoch,
  sender,
  authenticatedData,
  ...info
}));
var senderInfoEncoder = (info) => {
  switch (info.senderType) {
    case "member":
    case "new_member_commit":
      return groupContextEncoder(info.context);
    case "external":
    case "new_member_proposal":
      return encVoid;
  }
};
var encodeSenderInfo = encode(senderInfoEncoder);
var framedContentTBSEncoder = contramapBufferEncoders([protocolVersionEncoder, wireformatEncoder, framedContentEncoder, senderInfoEncoder], (f) => [f.protocolVersion, f.wireformat, f.content, f]);
var encodeFramedContentTBS = encode(framedContentTBSEncoder);
var encodeFramedContentAuthDataContent = (authData) => {
  switch (authData.contentType) {
    case "commit":
      return encodeFramedContentAuthDataCommit(authData);
    case "application":
    case "proposal":
      return encVoid;
  }
};
var encodeFramedContentAuthDataCommit = contramapBufferEncoder(varLenDataEncoder, (data) => data.confirmationTag);
var framedContentAuthDataEncoder = contramapBufferEncoders([varLenDataEncoder, encodeFramedContentAuthDataContent], (d) => [d.signature, d]);
var encodeFramedContentAuthData = encode(framedContentAuthDataEncoder);
var decodeFramedContentAuthDataCommit = mapDecoder(decodeVarLenData, (confirmationTag) => ({
  contentType: "commit",
  confirmationTag
}));
function decodeFramedContentAuthData(contentType) {
  switch (contentType) {
    case "commit":
      return mapDecoders([decodeVarLenData, decodeFramedContentAuthDataCommit], (signature, commitData) => ({
        signature,
        ...commitData
      }));
    case "application":
    case "proposal":
      return mapDecoder(decodeVarLenData, (signature) => ({
        signature,
        contentType
      }));
  }
}
async function verifyFramedContentSignature(signKey, wireformat, content, auth, context, s) {
  return verifyWithLabel(signKey, "FramedContentTBS", encode(framedContentTBSEncoder)(toTbs2(content, wireformat, context)), auth.signature, s);
}
function signFramedContentTBS(signKey, tbs, s) {
  return signWithLabel(signKey, "FramedContentTBS", encode(framedContentTBSEncoder)(tbs), s);
}
async function signFramedContentApplicationOrProposal(signKey, tbs, cs) {
  const signature = await signFramedContentTBS(signKey, tbs, cs.signature);
  return {
    contentType: tbs.content.contentType,
    signature
  };
}
function createConfirmationTag(confirmationKey, confirmedTranscriptHash, h) {
  return h.mac(confirmationKey, confirmedTranscriptHash);
}
function verifyConfirmationTag(confirmationKey, tag, confirmedTranscriptHash, h) {
  return h.verifyMac(confirmationKey, tag, confirmedTranscriptHash);
}
async function createContentCommitSignature(groupContext, wireformat, c, sender, authenticatedData, signKey, s) {
  const tbs = {
    protocolVersion: groupContext.version,
    wireformat,
    content: {
      contentType: "commit",
      commit: c,
      groupId: groupContext.groupId,
      epoch: groupContext.epoch,
      sender,
      authenticatedData
    },
    senderType: "member",
    context: groupContext
  };
  const signature = await signFramedContentTBS(signKey, tbs, s);
  return { framedContent: tbs.content, signature };
}

// node_modules/ts-mls/dist/src/authenticatedContent.js
var authenticatedContentEncoder = contramapBufferEncoders([wireformatEncoder, framedContentEncoder, framedContentAuthDataEncoder], (a) => [a.wireformat, a.content, a.auth]);
var encodeAuthenticatedContent = encode(authenticatedContentEncoder);
var decodeAuthenticatedContent = mapDecoders([
  decodeWireformat,
  flatMapDecoder(decodeFramedContent, (content) => {
    return mapDecoder(decodeFramedContentAuthData(content.contentType), (auth) => ({ content, auth }));
  })
], (wireformat, contentAuth) => ({
  wireformat,
  ...contentAuth
}));
var authenticatedContentTBMEncoder = contramapBufferEncoders([framedContentTBSEncoder, framedContentAuthDataEncoder], (t) => [t.contentTbs, t.auth]);
var encodeAuthenticatedContentTBM = encode(authenticatedContentTBMEncoder);
function createMembershipTag(membershipKey, tbm, h) {
  return h.mac(membershipKey, encode(authenticatedContentTBMEncoder)(tbm));
}
function verifyMembershipTag(membershipKey, tbm, tag, h) {
  return h.verifyMac(membershipKey, tag, encode(authenticatedContentTBMEncoder)(tbm));
}
function makeProposalRef(proposal, h) {
  return refhash("MLS 1.0 Proposal Reference", encode(authenticatedContentEncoder)(proposal), h);
}

// node_modules/ts-mls/dist/src/publicMessage.js
var publicMessageInfoEncoder = (info) => {
  switch (info.senderType) {
    case "member":
      return varLenDataEncoder(info.membershipTag);
    case "external":
    case "new_member_proposal":
    case "new_member_commit":
      return encVoid;
  }
};
var encodePublicMessageInfo = encode(publicMessageInfoEncoder);
function decodePublicMessageInfo(senderType) {
  switch (senderType) {
    case "member":
      return mapDecoder(decodeVarLenData, (membershipTag) => ({
        senderType,
        membershipTag
      }));
    case "external":
    case "new_member_proposal":
    case "new_member_commit":
      return succeedDecoder({ senderType });
  }
}
var publicMessageEncoder = contramapBufferEncoders([framedContentEncoder, framedContentAuthDataEncoder, publicMessageInfoEncoder], (msg) => [msg.content, msg.auth, msg]);
var encodePublicMessage = encode(publicMessageEncoder);
var decodePublicMessage = flatMapDecoder(decodeFramedContent, (content) => mapDecoders([decodeFramedContentAuthData(content.contentType), decodePublicMessageInfo(content.sender.senderType)], (auth, info) => ({
  ...info,
  content,
  auth
})));
function findSignaturePublicKey(ratchetTree, groupContext, framedContent) {
  switch (framedContent.sender.senderType) {
    case "member":
      return getSignaturePublicKeyFromLeafIndex(ratchetTree, toLeafIndex(framedContent.sender.leafIndex));
    case "external": {
      const sender = senderFromExtension(groupContext.extensions, framedContent.sender.senderIndex);
      if (sender === void 0)
        throw new ValidationError("Received external but no external_sender extension");
      return sender.signaturePublicKey;
    }
    case "new_member_proposal":
      if (framedContent.contentType !== "proposal")
        throw new ValidationError("Received new_member_proposal but contentType is not proposal");
      if (framedContent.proposal.proposalType !== "add")
        throw new ValidationError("Received new_member_proposal but proposalType was not add");
      return framedContent.proposal.add.keyPackage.leafNode.signaturePublicKey;
    case "new_member_commit": {
      if (framedContent.contentType !== "commit")
        throw new ValidationError("Received new_member_commit but contentType is not commit");
      if (framedContent.commit.path === void 0)
        throw new ValidationError("Commit contains no update path");
      return framedContent.commit.path.leafNode.signaturePublicKey;
    }
  }
}
function senderFromExtension(extensions, senderIndex) {
  const externalSenderExtensions = extensions.filter((ex) => ex.extensionType === "external_senders");
  const externalSenderExtension = externalSenderExtensions[senderIndex];
  if (externalSenderExtension !== void 0) {
    const externalSender = decodeExternalSender(externalSenderExtension.extensionData, 0);
    if (externalSender === void 0)
      throw new CodecError("Could not decode ExternalSender");
    return externalSender[0];
  }
}

// node_modules/ts-mls/dist/src/messageProtectionPublic.js
async function protectPublicMessage(membershipKey, groupContext, content, cs) {
  if (content.content.contentType === "application")
    throw new UsageError("Can't make an application message public");
  if (content.content.sender.senderType == "member") {
    const authenticatedContent = {
      contentTbs: toTbs2(content.content, "mls_public_message", groupContext),
      auth: content.auth
    };
    const tag = await createMembershipTag(membershipKey, authenticatedContent, cs.hash);
    return {
      content: content.content,
      auth: content.auth,
      senderType: "member",
      membershipTag: tag
    };
  }
  return {
    content: content.content,
    auth: content.auth,
    senderType: content.content.sender.senderType
  };
}
async function unprotectPublicMessage(membershipKey, groupContext, ratchetTree, msg, cs, overrideSignatureKey) {
  if (msg.content.contentType === "application")
    throw new UsageError("Can't make an application message public");
  if (msg.senderType === "member") {
    const authenticatedContent = {
      contentTbs: toTbs2(msg.content, "mls_public_message", groupContext),
      auth: msg.auth
    };
    if (!await verifyMembershipTag(membershipKey, authenticatedContent, msg.membershipTag, cs.hash))
      throw new CryptoVerificationError("Could not verify membership");
  }
  const signaturePublicKey = overrideSignatureKey !== void 0 ? overrideSignatureKey : findSignaturePublicKey(ratchetTree, groupContext, msg.content);
  const signatureValid = await verifyFramedContentSignature(signaturePublicKey, "mls_public_message", msg.content, msg.auth, groupContext, cs.signature);
  if (!signatureValid)
    throw new CryptoVerificationError("Signature invalid");
  return {
    wireformat: "mls_public_message",
    content: msg.content,
    auth: msg.auth
  };
}

// node_modules/ts-mls/dist/src/requiredCapabilities.js
var requiredCapabilitiesEncoder = contramapBufferEncoders([varLenTypeEncoder(uint16Encoder), varLenTypeEncoder(uint16Encoder), varLenTypeEncoder(credentialTypeEncoder)], (rc) => [rc.extensionTypes, rc.proposalTypes, rc.credentialTypes]);
var encodeRequiredCapabilities = encode(requiredCapabilitiesEncoder);
var decodeRequiredCapabilities = mapDecoders([decodeVarLenType(decodeUint16), decodeVarLenType(decodeUint16), decodeVarLenType(decodeCredentialType)], (extensionTypes, proposalTypes, credentialTypes2) => ({ extensionTypes, proposalTypes, credentialTypes: credentialTypes2 }));

// node_modules/ts-mls/dist/src/authenticationService.js
var defaultAuthenticationService = {
  async validateCredential(_credential, _signaturePublicKey) {
    return true;
  }
};

// node_modules/ts-mls/dist/src/paddingConfig.js
var defaultPaddingConfig = { kind: "padUntilLength", padUntilLength: 256 };
function byteLengthToPad(encodedLength, config) {
  if (config.kind === "alwaysPad")
    return config.paddingLength;
  else
    return encodedLength >= config.padUntilLength ? 0 : config.padUntilLength - encodedLength;
}

// node_modules/ts-mls/dist/src/keyPackageEqualityConfig.js
var defaultKeyPackageEqualityConfig = {
  compareKeyPackages(a, b) {
    return constantTimeEqual(a.leafNode.signaturePublicKey, b.leafNode.signaturePublicKey);
  },
  compareKeyPackageToLeafNode(a, b) {
    return constantTimeEqual(a.leafNode.signaturePublicKey, b.signaturePublicKey);
  }
};

// node_modules/ts-mls/dist/src/lifetimeConfig.js
var defaultLifetimeConfig = {
  maximumTotalLifetime: 2628000n,
  // 1 month
  validateLifetimeOnReceive: false
};

// node_modules/ts-mls/dist/src/keyRetentionConfig.js
var defaultKeyRetentionConfig = {
  retainKeysForGenerations: 10,
  retainKeysForEpochs: 4,
  maximumForwardRatchetSteps: 200
};

// node_modules/ts-mls/dist/src/groupInfo.js
var groupInfoTBSEncoder = contramapBufferEncoders([groupContextEncoder, varLenTypeEncoder(extensionEncoder), varLenDataEncoder, uint32Encoder], (g) => [g.groupContext, g.extensions, g.confirmationTag, g.signer]);
var encodeGroupInfoTBS = encode(groupInfoTBSEncoder);
var decodeGroupInfoTBS = mapDecoders([decodeGroupContext, decodeVarLenType(decodeExtension), decodeVarLenData, decodeUint32], (groupContext, extensions, confirmationTag, signer) => ({
  groupContext,
  extensions,
  confirmationTag,
  signer
}));
var groupInfoEncoder = contramapBufferEncoders([groupInfoTBSEncoder, varLenDataEncoder], (g) => [g, g.signature]);
var encodeGroupInfo = encode(groupInfoEncoder);
var decodeGroupInfo = mapDecoders([decodeGroupInfoTBS, decodeVarLenData], (tbs, signature) => ({
  ...tbs,
  signature
}));
function ratchetTreeFromExtension(info) {
  const treeExtension = info.extensions.find((ex) => ex.extensionType === "ratchet_tree");
  if (treeExtension !== void 0) {
    const tree = decodeRatchetTree(treeExtension.extensionData, 0);
    if (tree === void 0)
      throw new CodecError("Could not decode RatchetTree");
    return tree[0];
  }
}
async function signGroupInfo(tbs, privateKey, s) {
  const signature = await signWithLabel(privateKey, "GroupInfoTBS", encode(groupInfoTBSEncoder)(tbs), s);
  return { ...tbs, signature };
}
function verifyGroupInfoSignature(gi, publicKey, s) {
  return verifyWithLabel(publicKey, "GroupInfoTBS", encode(groupInfoTBSEncoder)(gi), gi.signature, s);
}
async function verifyGroupInfoConfirmationTag(gi, joinerSecret, pskSecret, cs) {
  const epochSecret = await extractEpochSecret(gi.groupContext, joinerSecret, cs.kdf, pskSecret);
  const key = await deriveSecret(epochSecret, "confirm", cs.kdf);
  return cs.hash.verifyMac(key, gi.confirmationTag, gi.groupContext.confirmedTranscriptHash);
}
async function extractWelcomeSecret(joinerSecret, pskSecret, kdf) {
  return deriveSecret(await kdf.extract(joinerSecret, pskSecret), "welcome", kdf);
}

// node_modules/ts-mls/dist/src/keySchedule.js
var keyScheduleEncoder = contramapBufferEncoders([
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder,
  varLenDataEncoder
], (ks) => [
  new Uint8Array(),
  ks.senderDataSecret,
  new Uint8Array(),
  ks.exporterSecret,
  ks.externalSecret,
  ks.confirmationKey,
  ks.membershipKey,
  ks.resumptionPsk,
  ks.epochAuthenticator,
  ks.initSecret
]);
var encodeKeySchedule = encode(keyScheduleEncoder);
var decodeKeySchedule = mapDecoders([
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData,
  decodeVarLenData
], (_epochSecret, senderDataSecret, _encryptionSecret, exporterSecret, externalSecret, confirmationKey, membershipKey, resumptionPsk, epochAuthenticator, initSecret) => ({
  senderDataSecret,
  exporterSecret,
  externalSecret,
  confirmationKey,
  membershipKey,
  resumptionPsk,
  epochAuthenticator,
  initSecret
}));
async function mlsExporter(exporterSecret, label, context, length, cs) {
  const secret = await deriveSecret(exporterSecret, label, cs.kdf);
  const hash = await cs.hash.digest(context);
  return expandWithLabel(secret, "exported", hash, length, cs.kdf);
}
async function deriveKeySchedule(joinerSecret, pskSecret, groupContext, kdf) {
  const epochSecret = await extractEpochSecret(groupContext, joinerSecret, kdf, pskSecret);
  const encryptionSecret = await deriveSecret(epochSecret, "encryption", kdf);
  const keySchedule = await initializeKeySchedule(epochSecret, kdf);
  return [keySchedule, encryptionSecret];
}
async function initializeKeySchedule(epochSecret, kdf) {
  const newInitSecret = await deriveSecret(epochSecret, "init", kdf);
  const senderDataSecret = await deriveSecret(epochSecret, "sender data", kdf);
  const exporterSecret = await deriveSecret(epochSecret, "exporter", kdf);
  const externalSecret = await deriveSecret(epochSecret, "external", kdf);
  const confirmationKey = await deriveSecret(epochSecret, "confirm", kdf);
  const membershipKey = await deriveSecret(epochSecret, "membership", kdf);
  const resumptionPsk = await deriveSecret(epochSecret, "resumption", kdf);
  const epochAuthenticator = await deriveSecret(epochSecret, "authentication", kdf);
  const newKeySchedule = {
    initSecret: newInitSecret,
    senderDataSecret,
    exporterSecret,
    externalSecret,
    confirmationKey,
    membershipKey,
    resumptionPsk,
    epochAuthenticator
  };
  return newKeySchedule;
}
async function initializeEpoch(initSecret, commitSecret, groupContext, pskSecret, kdf) {
  const joinerSecret = await extractJoinerSecret(groupContext, initSecret, commitSecret, kdf);
  const welcomeSecret = await extractWelcomeSecret(joinerSecret, pskSecret, kdf);
  const [newKeySchedule, encryptionSecret] = await deriveKeySchedule(joinerSecret, pskSecret, groupContext, kdf);
  return { welcomeSecret, joinerSecret, encryptionSecret, keySchedule: newKeySchedule };
}

// node_modules/ts-mls/dist/src/secretTree.js
var generationSecretEncoder = contramapBufferEncoders([varLenDataEncoder, uint32Encoder, numberRecordEncoder(uint32Encoder, varLenDataEncoder)], (gs) => [gs.secret, gs.generation, gs.unusedGenerations]);
var decodeGenerationSecret = mapDecoders([decodeVarLenData, decodeUint32, decodeNumberRecord(decodeUint32, decodeVarLenData)], (secret, generation, unusedGenerations) => ({
  secret,
  generation,
  unusedGenerations
}));
var secretTreeNodeEncoder = contramapBufferEncoders([generationSecretEncoder, generationSecretEncoder], (node) => [node.handshake, node.application]);
var decodeSecretTreeNode = mapDecoders([decodeGenerationSecret, decodeGenerationSecret], (handshake, application) => ({
  handshake,
  application
}));
var secretTreeEncoder = varLenTypeEncoder(secretTreeNodeEncoder);
var decodeSecretTree = decodeVarLenType(decodeSecretTreeNode);
function allSecretTreeValues(tree) {
  const arr = new Array(tree.length * 2);
  for (const node of tree) {
    arr.push(node.application.secret);
    arr.push(node.handshake.secret);
    for (const gen of Object.values(node.application.unusedGenerations)) {
      arr.push(gen);
    }
    for (const gen of Object.values(node.handshake.unusedGenerations)) {
      arr.push(gen);
    }
  }
  return arr;
}
function scaffoldSecretTree(leafWidth2, encryptionSecret, kdf) {
  const tree = new Array(nodeWidth(leafWidth2));
  const rootIndex = root(leafWidth2);
  tree[rootIndex] = encryptionSecret;
  return deriveChildren(tree, rootIndex, kdf);
}
async function createSecretTree(leafWidth2, encryptionSecret, kdf) {
  const tree = await scaffoldSecretTree(leafWidth2, encryptionSecret, kdf);
  return await Promise.all(tree.map(async (secret) => {
    const application = await createRatchetRoot(secret, "application", kdf);
    const handshake = await createRatchetRoot(secret, "handshake", kdf);
    return { handshake, application };
  }));
}
async function deriveChildren(tree, nodeIndex, kdf) {
  if (isLeaf(nodeIndex))
    return tree;
  const l = left(nodeIndex);
  const r = right(nodeIndex);
  const parentSecret = tree[nodeIndex];
  if (parentSecret === void 0)
    throw new InternalError("Bad node index for secret tree");
  const leftSecret = await expandWithLabel(parentSecret, "tree", new TextEncoder().encode("left"), kdf.size, kdf);
  const rightSecret = await expandWithLabel(parentSecret, "tree", new TextEncoder().encode("right"), kdf.size, kdf);
  tree[l] = leftSecret;
  tree[r] = rightSecret;
  return deriveChildren(await deriveChildren(tree, l, kdf), r, kdf);
}
async function deriveNonce(secret, generation, cs) {
  return await deriveTreeSecret(secret, "nonce", generation, cs.hpke.nonceLength, cs.kdf);
}
async function deriveKey(secret, generation, cs) {
  return await deriveTreeSecret(secret, "key", generation, cs.hpke.keyLength, cs.kdf);
}
async function ratchetUntil(current2, desiredGen, config, kdf) {
  const generationDifference = desiredGen - current2.generation;
  if (generationDifference > config.maximumForwardRatchetSteps)
    throw new ValidationError("Desired generation too far in the future");
  const consumed = [];
  let result = { ...current2 };
  for (let i = 0; i < generationDifference; i++) {
    const nextSecret = await deriveTreeSecret(result.secret, "secret", result.generation, kdf.size, kdf);
    const [updated, old] = updateUnusedGenerations(result, config.retainKeysForGenerations);
    consumed.push(...old);
    result = {
      secret: nextSecret,
      generation: result.generation + 1,
      unusedGenerations: updated
    };
  }
  return [result, consumed];
}
function updateUnusedGenerations(s, retainGenerationsMax) {
  const withNew = { ...s.unusedGenerations, [s.generation]: s.secret };
  const generations = Object.keys(withNew);
  const result = generations.length >= retainGenerationsMax ? removeOldGenerations(withNew, retainGenerationsMax) : [withNew, []];
  return result;
}
function removeOldGenerations(unusedGenerations, max) {
  const generations = Object.keys(unusedGenerations).map(Number).sort((a, b) => a - b);
  const cutoff = generations.length - max;
  const consumed = new Array();
  const record = {};
  for (const [n, gen] of generations.entries()) {
    const value = unusedGenerations[gen];
    if (n < cutoff) {
      consumed.push(value);
    } else {
      record[gen] = value;
    }
  }
  return [record, consumed];
}
async function derivePrivateMessageNonce(secret, generation, reuseGuard, cs) {
  const nonce = await deriveNonce(secret, generation, cs);
  if (nonce.length >= 4 && reuseGuard.length >= 4) {
    for (let i = 0; i < 4; i++) {
      nonce[i] ^= reuseGuard[i];
    }
  } else
    throw new ValidationError("Reuse guard or nonce incorrect length");
  return nonce;
}
async function ratchetToGeneration(tree, senderData, contentType, config, cs) {
  const index = leafToNodeIndex(toLeafIndex(senderData.leafIndex));
  const node = tree[index];
  if (node === void 0)
    throw new InternalError("Bad node index for secret tree");
  const ratchet = ratchetForContentType(node, contentType);
  if (ratchet.generation > senderData.generation) {
    const desired = ratchet.unusedGenerations[senderData.generation];
    if (desired !== void 0) {
      const { [senderData.generation]: _, ...removedDesiredGen } = ratchet.unusedGenerations;
      const ratchetState = { ...ratchet, unusedGenerations: removedDesiredGen };
      return await createRatchetResultWithSecret(node, index, desired, senderData.generation, senderData.reuseGuard, tree, contentType, [], cs, ratchetState);
    }
    throw new ValidationError("Desired gen in the past");
  }
  const [currentSecret, consumed] = await ratchetUntil(ratchetForContentType(node, contentType), senderData.generation, config, cs.kdf);
  return createRatchetResult(node, index, currentSecret, senderData.reuseGuard, tree, contentType, consumed, cs);
}
async function consumeRatchet(tree, index, contentType, cs) {
  const node = tree[index];
  if (node === void 0)
    throw new InternalError("Bad node index for secret tree");
  const currentSecret = ratchetForContentType(node, contentType);
  const reuseGuard = cs.rng.randomBytes(4);
  return createRatchetResult(node, index, currentSecret, reuseGuard, tree, contentType, [], cs);
}
async function createRatchetResult(node, index, currentSecret, reuseGuard, tree, contentType, consumed, cs) {
  const nextSecret = await deriveTreeSecret(currentSecret.secret, "secret", currentSecret.generation, cs.kdf.size, cs.kdf);
  const ratchetState = { ...currentSecret, secret: nextSecret, generation: currentSecret.generation + 1 };
  return await createRatchetResultWithSecret(node, index, currentSecret.secret, currentSecret.generation, reuseGuard, tree, contentType, consumed, cs, ratchetState);
}
async function createRatchetResultWithSecret(node, index, secret, generation, reuseGuard, tree, contentType, consumed, cs, ratchetState) {
  const { nonce, key } = await createKeyAndNonce(secret, generation, reuseGuard, cs);
  const newNode = contentType === "application" ? { ...node, application: ratchetState } : { ...node, handshake: ratchetState };
  const newTree = tree.slice();
  newTree[index] = newNode;
  return {
    generation,
    reuseGuard,
    nonce,
    key,
    newTree,
    consumed: [...consumed, secret, key]
  };
}
async function createKeyAndNonce(secret, generation, reuseGuard, cs) {
  const key = await deriveKey(secret, generation, cs);
  const nonce = await derivePrivateMessageNonce(secret, generation, reuseGuard, cs);
  return { nonce, key };
}
function ratchetForContentType(node, contentType) {
  switch (contentType) {
    case "application":
      return node.application;
    case "proposal":
      return node.handshake;
    case "commit":
      return node.handshake;
  }
}
async function createRatchetRoot(node, label, kdf) {
  const secret = await expandWithLabel(node, label, new Uint8Array(), kdf.size, kdf);
  return { secret, generation: 0, unusedGenerations: {} };
}

// node_modules/ts-mls/dist/src/transcriptHash.js
var confirmedTranscriptHashInputEncoder = contramapBufferEncoders([wireformatEncoder, framedContentEncoder, varLenDataEncoder], (input) => [input.wireformat, input.content, input.signature]);
var encodeConfirmedTranscriptHashInput = encode(confirmedTranscriptHashInputEncoder);
var decodeConfirmedTranscriptHashInput = mapDecodersOption([decodeWireformat, decodeFramedContent, decodeVarLenData], (wireformat, content, signature) => {
  if (content.contentType === "commit")
    return {
      wireformat,
      content,
      signature
    };
  else
    return void 0;
});
function createConfirmedHash(interimTranscriptHash, input, hash) {
  const [len, write] = confirmedTranscriptHashInputEncoder(input);
  const buf = new ArrayBuffer(interimTranscriptHash.byteLength + len);
  const arr = new Uint8Array(buf);
  arr.set(interimTranscriptHash, 0);
  write(interimTranscriptHash.byteLength, buf);
  return hash.digest(arr);
}
function createInterimHash(confirmedHash, confirmationTag, hash) {
  const [len, write] = varLenDataEncoder(confirmationTag);
  const buf = new ArrayBuffer(confirmedHash.byteLength + len);
  const arr = new Uint8Array(buf);
  arr.set(confirmedHash, 0);
  write(confirmedHash.byteLength, buf);
  return hash.digest(arr);
}

// node_modules/ts-mls/dist/src/groupSecrets.js
var groupSecretsEncoder = contramapBufferEncoders([varLenDataEncoder, optionalEncoder(varLenDataEncoder), varLenTypeEncoder(pskIdEncoder)], (gs) => [gs.joinerSecret, gs.pathSecret, gs.psks]);
var encodeGroupSecrets = encode(groupSecretsEncoder);
var decodeGroupSecrets = mapDecoders([decodeVarLenData, decodeOptional(decodeVarLenData), decodeVarLenType(decodePskId)], (joinerSecret, pathSecret, psks) => ({ joinerSecret, pathSecret, psks }));

// node_modules/ts-mls/dist/src/welcome.js
var encryptedGroupSecretsEncoder = contramapBufferEncoders([varLenDataEncoder, hpkeCiphertextEncoder], (egs) => [egs.newMember, egs.encryptedGroupSecrets]);
var encodeEncryptedGroupSecrets = encode(encryptedGroupSecretsEncoder);
var decodeEncryptedGroupSecrets = mapDecoders([decodeVarLenData, decodeHpkeCiphertext], (newMember, encryptedGroupSecrets) => ({ newMember, encryptedGroupSecrets }));
var welcomeEncoder = contramapBufferEncoders([ciphersuiteEncoder, varLenTypeEncoder(encryptedGroupSecretsEncoder), varLenDataEncoder], (welcome) => [welcome.cipherSuite, welcome.secrets, welcome.encryptedGroupInfo]);
var encodeWelcome = encode(welcomeEncoder);
var decodeWelcome = mapDecoders([decodeCiphersuite, decodeVarLenType(decodeEncryptedGroupSecrets), decodeVarLenData], (cipherSuite2, secrets, encryptedGroupInfo) => ({ cipherSuite: cipherSuite2, secrets, encryptedGroupInfo }));
function welcomeNonce(welcomeSecret, cs) {
  return expandWithLabel(welcomeSecret, "nonce", new Uint8Array(), cs.hpke.nonceLength, cs.kdf);
}
function welcomeKey(welcomeSecret, cs) {
  return expandWithLabel(welcomeSecret, "key", new Uint8Array(), cs.hpke.keyLength, cs.kdf);
}
async function encryptGroupInfo(groupInfo, welcomeSecret, cs) {
  const key = await welcomeKey(welcomeSecret, cs);
  const nonce = await welcomeNonce(welcomeSecret, cs);
  const encrypted = await cs.hpke.encryptAead(key, nonce, void 0, encode(groupInfoEncoder)(groupInfo));
  return encrypted;
}
async function decryptGroupInfo(w, joinerSecret, pskSecret, cs) {
  const welcomeSecret = await extractWelcomeSecret(joinerSecret, pskSecret, cs.kdf);
  const key = await welcomeKey(welcomeSecret, cs);
  const nonce = await welcomeNonce(welcomeSecret, cs);
  const decrypted = await cs.hpke.decryptAead(key, nonce, void 0, w.encryptedGroupInfo);
  const decoded = decodeGroupInfo(decrypted, 0);
  return decoded?.[0];
}
function encryptGroupSecrets(initKey, encryptedGroupInfo, groupSecrets, hpke2) {
  return encryptWithLabel(initKey, "Welcome", encryptedGroupInfo, encode(groupSecretsEncoder)(groupSecrets), hpke2);
}
async function decryptGroupSecrets(initPrivateKey, keyPackageRef, welcome, hpke2) {
  const secret = welcome.secrets.find((s) => constantTimeEqual(s.newMember, keyPackageRef));
  if (secret === void 0)
    throw new ValidationError("No matching secret found");
  const decrypted = await decryptWithLabel(initPrivateKey, "Welcome", welcome.encryptedGroupInfo, secret.encryptedGroupSecrets.kemOutput, secret.encryptedGroupSecrets.ciphertext, hpke2);
  return decodeGroupSecrets(decrypted, 0)?.[0];
}

// node_modules/ts-mls/dist/src/pathSecrets.js
function pathToPathSecrets(pathSecrets) {
  return pathSecrets.reduce((acc, cur) => ({
    ...acc,
    [cur.nodeIndex]: cur.secret
  }), {});
}
async function getCommitSecret(tree, nodeIndex, pathSecret, kdf) {
  const rootIndex = root(leafWidth(tree.length));
  const path = await pathToRoot(tree, nodeIndex, pathSecret, kdf);
  const rootSecret = path[rootIndex];
  if (rootSecret === void 0)
    throw new InternalError("Could not find secret for root");
  return deriveSecret(rootSecret, "path", kdf);
}
async function pathToRoot(tree, nodeIndex, pathSecret, kdf) {
  const rootIndex = root(leafWidth(tree.length));
  let currentIndex = nodeIndex;
  const pathSecrets = { [nodeIndex]: pathSecret };
  while (currentIndex != rootIndex) {
    const nextIndex = findFirstNonBlankAncestor(tree, currentIndex);
    const nextSecret = await deriveSecret(pathSecrets[currentIndex], "path", kdf);
    pathSecrets[nextIndex] = nextSecret;
    currentIndex = nextIndex;
  }
  return pathSecrets;
}

// node_modules/ts-mls/dist/src/privateKeyPath.js
var privateKeyPathEncoder = contramapBufferEncoders([uint32Encoder, numberRecordEncoder(uint32Encoder, varLenDataEncoder)], (pkp) => [pkp.leafIndex, pkp.privateKeys]);
var decodePrivateKeyPath = mapDecoders([decodeUint32, decodeNumberRecord(decodeUint32, decodeVarLenData)], (leafIndex, privateKeys) => ({
  leafIndex,
  privateKeys
}));
function mergePrivateKeyPaths(a, b) {
  return { ...a, privateKeys: { ...a.privateKeys, ...b.privateKeys } };
}
function updateLeafKey(path, newKey) {
  return { ...path, privateKeys: { ...path.privateKeys, [leafToNodeIndex(toLeafIndex(path.leafIndex))]: newKey } };
}
async function toPrivateKeyPath(pathSecrets, leafIndex, cs) {
  const asArray = await Promise.all(Object.entries(pathSecrets).map(async ([nodeIndex, pathSecret]) => {
    const nodeSecret = await deriveSecret(pathSecret, "node", cs.kdf);
    const { privateKey } = await cs.hpke.deriveKeyPair(nodeSecret);
    return [Number(nodeIndex), await cs.hpke.exportPrivateKey(privateKey)];
  }));
  const privateKeys = Object.fromEntries(asArray);
  return { leafIndex, privateKeys };
}

// node_modules/ts-mls/dist/src/unappliedProposals.js
var proposalWithSenderEncoder = contramapBufferEncoders([proposalEncoder, optionalEncoder(uint32Encoder)], (pws) => [pws.proposal, pws.senderLeafIndex]);
var decodeProposalWithSender = mapDecoders([decodeProposal, decodeOptional(decodeUint32)], (proposal, senderLeafIndex) => ({
  proposal,
  senderLeafIndex
}));
var unappliedProposalsEncoder = base64RecordEncoder(proposalWithSenderEncoder);
var decodeUnappliedProposals = decodeBase64Record(decodeProposalWithSender);
function addUnappliedProposal(ref, proposals, proposal, senderLeafIndex) {
  const r = bytesToBase64(ref);
  return {
    ...proposals,
    [r]: { proposal, senderLeafIndex }
  };
}

// node_modules/ts-mls/dist/src/pskIndex.js
var emptyPskIndex = {
  findPsk(_preSharedKeyId) {
    return void 0;
  }
};
async function accumulatePskSecret(groupedPsk, pskSearch, cs, zeroes) {
  return groupedPsk.reduce(async (acc, cur, index) => {
    const [previousSecret, ids] = await acc;
    const psk = pskSearch.findPsk(cur);
    if (psk === void 0)
      throw new ValidationError("Could not find pskId referenced in proposal");
    const pskSecret = await updatePskSecret(previousSecret, cur, psk, index, groupedPsk.length, cs);
    return [pskSecret, [...ids, cur]];
  }, Promise.resolve([zeroes, []]));
}

// node_modules/ts-mls/dist/src/util/addToMap.js
function addToMap(map, k, v) {
  const copy = new Map(map);
  copy.set(k, v);
  return copy;
}

// node_modules/ts-mls/dist/src/clientConfig.js
var defaultClientConfig = {
  keyRetentionConfig: defaultKeyRetentionConfig,
  lifetimeConfig: defaultLifetimeConfig,
  keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
  paddingConfig: defaultPaddingConfig,
  authService: defaultAuthenticationService
};

// node_modules/ts-mls/dist/src/util/array.js
function arraysEqual(a, b) {
  if (a.length !== b.length)
    return false;
  return a.every((val, index) => val === b[index]);
}

// node_modules/ts-mls/dist/src/codec/string.js
var stringEncoder = contramapBufferEncoder(varLenDataEncoder, (s) => new TextEncoder().encode(s));
var encodeString = encode(stringEncoder);
var decodeString = mapDecoder(decodeVarLenData, (u) => new TextDecoder().decode(u));

// node_modules/ts-mls/dist/src/groupActiveState.js
var activeEncoder = contramapBufferEncoder(stringEncoder, () => "active");
var suspendedPendingReinitEncoder = contramapBufferEncoders([stringEncoder, reinitEncoder], (s) => ["suspendedPendingReinit", s.reinit]);
var removedFromGroupEncoder = contramapBufferEncoder(stringEncoder, () => "removedFromGroup");
var groupActiveStateEncoder = (state) => {
  switch (state.kind) {
    case "active":
      return activeEncoder(state);
    case "suspendedPendingReinit":
      return suspendedPendingReinitEncoder(state);
    case "removedFromGroup":
      return removedFromGroupEncoder(state);
  }
};
var decodeGroupActiveState = flatMapDecoder(decodeString, (kind) => {
  switch (kind) {
    case "active":
      return succeedDecoder({ kind: "active" });
    case "suspendedPendingReinit":
      return mapDecoder(decodeReinit, (reinit) => ({ kind: "suspendedPendingReinit", reinit }));
    case "removedFromGroup":
      return succeedDecoder({ kind: "removedFromGroup" });
    default:
      return failDecoder();
  }
});

// node_modules/ts-mls/dist/src/epochReceiverData.js
var epochReceiverDataEncoder = contramapBufferEncoders([varLenDataEncoder, secretTreeEncoder, ratchetTreeEncoder, varLenDataEncoder, groupContextEncoder], (erd) => [erd.resumptionPsk, erd.secretTree, erd.ratchetTree, erd.senderDataSecret, erd.groupContext]);
var decodeEpochReceiverData = mapDecoders([decodeVarLenData, decodeSecretTree, decodeRatchetTree, decodeVarLenData, decodeGroupContext], (resumptionPsk, secretTree, ratchetTree, senderDataSecret, groupContext) => ({
  resumptionPsk,
  secretTree,
  ratchetTree,
  senderDataSecret,
  groupContext
}));

// node_modules/ts-mls/dist/src/clientState.js
var groupStateEncoder = contramapBufferEncoders([
  groupContextEncoder,
  keyScheduleEncoder,
  secretTreeEncoder,
  ratchetTreeEncoder,
  privateKeyPathEncoder,
  varLenDataEncoder,
  unappliedProposalsEncoder,
  varLenDataEncoder,
  bigintMapEncoder(epochReceiverDataEncoder),
  groupActiveStateEncoder
], (state) => [
  state.groupContext,
  state.keySchedule,
  state.secretTree,
  state.ratchetTree,
  state.privatePath,
  state.signaturePrivateKey,
  state.unappliedProposals,
  state.confirmationTag,
  state.historicalReceiverData,
  state.groupActiveState
]);
var encodeGroupState = encode(groupStateEncoder);
var decodeGroupState = mapDecoders([
  decodeGroupContext,
  decodeKeySchedule,
  decodeSecretTree,
  decodeRatchetTree,
  decodePrivateKeyPath,
  decodeVarLenData,
  decodeUnappliedProposals,
  decodeVarLenData,
  decodeBigintMap(decodeEpochReceiverData),
  decodeGroupActiveState
], (groupContext, keySchedule, secretTree, ratchetTree, privatePath, signaturePrivateKey, unappliedProposals, confirmationTag, historicalReceiverData, groupActiveState) => ({
  groupContext,
  keySchedule,
  secretTree,
  ratchetTree,
  privatePath,
  signaturePrivateKey,
  unappliedProposals,
  confirmationTag,
  historicalReceiverData,
  groupActiveState
}));
var groupStateEncoderWithoutTree = contramapBufferEncoders([
  groupContextEncoder,
  keyScheduleEncoder,
  secretTreeEncoder,
  privateKeyPathEncoder,
  varLenDataEncoder,
  unappliedProposalsEncoder,
  varLenDataEncoder,
  bigintMapEncoder(epochReceiverDataEncoder),
  groupActiveStateEncoder
], (state) => [
  state.groupContext,
  state.keySchedule,
  state.secretTree,
  state.privatePath,
  state.signaturePrivateKey,
  state.unappliedProposals,
  state.confirmationTag,
  state.historicalReceiverData,
  state.groupActiveState
]);
var encodeGroupStateWithoutTree = encode(groupStateEncoderWithoutTree);
function checkCanSendApplicationMessages(state) {
  if (Object.keys(state.unappliedProposals).length !== 0)
    throw new UsageError("Cannot send application message with unapplied proposals");
  checkCanSendHandshakeMessages(state);
}
function checkCanSendHandshakeMessages(state) {
  if (state.groupActiveState.kind === "suspendedPendingReinit")
    throw new UsageError("Cannot send messages while Group is suspended pending reinit");
  else if (state.groupActiveState.kind === "removedFromGroup")
    throw new UsageError("Cannot send messages after being removed from group");
}
var emptyProposals = {
  add: [],
  update: [],
  remove: [],
  psk: [],
  reinit: [],
  external_init: [],
  group_context_extensions: []
};
function flattenExtensions(groupContextExtensions) {
  return groupContextExtensions.reduce((acc, { proposal }) => {
    return [...acc, ...proposal.groupContextExtensions.extensions];
  }, []);
}
async function validateProposals(p, committerLeafIndex, groupContext, config, authService, tree) {
  const containsUpdateByCommitter = p.update.some((o) => o.senderLeafIndex !== void 0 && o.senderLeafIndex === committerLeafIndex);
  if (containsUpdateByCommitter)
    return new ValidationError("Commit cannot contain an update proposal sent by committer");
  const containsRemoveOfCommitter = p.remove.some((o) => o.proposal.remove.removed === committerLeafIndex);
  if (containsRemoveOfCommitter)
    return new ValidationError("Commit cannot contain a remove proposal removing committer");
  const multipleUpdateRemoveForSameLeaf = p.update.some(({ senderLeafIndex: a }, indexA) => p.update.some(({ senderLeafIndex: b }, indexB) => a === b && indexA !== indexB) || p.remove.some((r) => r.proposal.remove.removed === a)) || p.remove.some((a, indexA) => p.remove.some((b, indexB) => b.proposal.remove.removed === a.proposal.remove.removed && indexA !== indexB) || p.update.some(({ senderLeafIndex }) => a.proposal.remove.removed === senderLeafIndex));
  if (multipleUpdateRemoveForSameLeaf)
    return new ValidationError("Commit cannot contain multiple update and/or remove proposals that apply to the same leaf");
  const multipleAddsContainSameKeypackage = p.add.some(({ proposal: a }, indexA) => p.add.some(({ proposal: b }, indexB) => config.compareKeyPackages(a.add.keyPackage, b.add.keyPackage) && indexA !== indexB));
  if (multipleAddsContainSameKeypackage)
    return new ValidationError("Commit cannot contain multiple Add proposals that contain KeyPackages that represent the same client");
  const addsContainExistingKeypackage = p.add.some(({ proposal }) => tree.some((node, nodeIndex) => node !== void 0 && node.nodeType === "leaf" && config.compareKeyPackageToLeafNode(proposal.add.keyPackage, node.leaf) && p.remove.every((r) => r.proposal.remove.removed !== nodeToLeafIndex(toNodeIndex(nodeIndex)))));
  if (addsContainExistingKeypackage)
    return new ValidationError("Commit cannot contain an Add proposal for someone already in the group");
  const everyLeafSupportsGroupExtensions = p.add.every(({ proposal }) => extensionsSupportedByCapabilities(groupContext.extensions, proposal.add.keyPackage.leafNode.capabilities));
  if (!everyLeafSupportsGroupExtensions)
    return new ValidationError("Added leaf node that doesn't support extension in GroupContext");
  const multiplePskWithSamePskId = p.psk.some((a, indexA) => p.psk.some((b, indexB) => constantTimeEqual(encode(pskIdEncoder)(a.proposal.psk.preSharedKeyId), encode(pskIdEncoder)(b.proposal.psk.preSharedKeyId)) && indexA !== indexB));
  if (multiplePskWithSamePskId)
    return new ValidationError("Commit cannot contain PreSharedKey proposals that reference the same PreSharedKeyID");
  const multipleGroupContextExtensions = p.group_context_extensions.length > 1;
  if (multipleGroupContextExtensions)
    return new ValidationError("Commit cannot contain multiple GroupContextExtensions proposals");
  const allExtensions = flattenExtensions(p.group_context_extensions);
  const requiredCapabilities = allExtensions.find((e) => e.extensionType === "required_capabilities");
  if (requiredCapabilities !== void 0) {
    const caps = decodeRequiredCapabilities(requiredCapabilities.extensionData, 0);
    if (caps === void 0)
      return new CodecError("Could not decode required_capabilities");
    const everyLeafSupportsCapabilities = tree.filter((n) => n !== void 0 && n.nodeType === "leaf").every((l) => capabiltiesAreSupported(caps[0], l.leaf.capabilities));
    if (!everyLeafSupportsCapabilities)
      return new ValidationError("Not all members support required capabilities");
    const allAdditionsSupportCapabilities = p.add.every((a) => capabiltiesAreSupported(caps[0], a.proposal.add.keyPackage.leafNode.capabilities));
    if (!allAdditionsSupportCapabilities)
      return new ValidationError("Commit contains add proposals of member without required capabilities");
  }
  return await validateExternalSenders(allExtensions, authService);
}
async function validateExternalSenders(extensions, authService) {
  const externalSenders = extensions.filter((e) => e.extensionType === "external_senders");
  for (const externalSender of externalSenders) {
    const decoded = decodeExternalSender(externalSender.extensionData, 0);
    if (decoded === void 0)
      return new CodecError("Could not decode external_senders");
    const validCredential = await authService.validateCredential(decoded[0].credential, decoded[0].signaturePublicKey);
    if (!validCredential)
      return new ValidationError("Could not validate external credential");
  }
}
function capabiltiesAreSupported(caps, cs) {
  return caps.credentialTypes.every((c) => cs.credentials.includes(c)) && caps.extensionTypes.every((e) => cs.extensions.includes(e)) && caps.proposalTypes.every((p) => cs.proposals.includes(p));
}
async function validateRatchetTree(tree, groupContext, config, authService, treeHash2, cs) {
  const hpkeKeys = /* @__PURE__ */ new Set();
  const signatureKeys = /* @__PURE__ */ new Set();
  const credentialTypes2 = /* @__PURE__ */ new Set();
  for (const [i, n] of tree.entries()) {
    const nodeIndex = toNodeIndex(i);
    if (n?.nodeType === "leaf") {
      if (!isLeaf(nodeIndex))
        return new ValidationError("Received Ratchet Tree is not structurally sound");
      const hpkeKey = bytesToBase64(n.leaf.hpkePublicKey);
      if (hpkeKeys.has(hpkeKey))
        return new ValidationError("hpke keys not unique");
      else
        hpkeKeys.add(hpkeKey);
      const signatureKey = bytesToBase64(n.leaf.signaturePublicKey);
      if (signatureKeys.has(signatureKey))
        return new ValidationError("signature keys not unique");
      else
        signatureKeys.add(signatureKey);
      credentialTypes2.add(n.leaf.credential.credentialType);
      const err = n.leaf.leafNodeSource === "key_package" ? await validateLeafNodeKeyPackage(n.leaf, groupContext, false, config, authService, cs.signature) : await validateLeafNodeUpdateOrCommit(n.leaf, nodeToLeafIndex(nodeIndex), groupContext, authService, cs.signature);
      if (err !== void 0)
        return err;
    } else if (n?.nodeType === "parent") {
      if (isLeaf(nodeIndex))
        return new ValidationError("Received Ratchet Tree is not structurally sound");
      const hpkeKey = bytesToBase64(n.parent.hpkePublicKey);
      if (hpkeKeys.has(hpkeKey))
        return new ValidationError("hpke keys not unique");
      else
        hpkeKeys.add(hpkeKey);
      for (const unmergedLeaf of n.parent.unmergedLeaves) {
        const leafIndex = toLeafIndex(unmergedLeaf);
        const dp = directPath(leafToNodeIndex(leafIndex), leafWidth(tree.length));
        const nodeIndex2 = leafToNodeIndex(leafIndex);
        if (tree[nodeIndex2]?.nodeType !== "leaf" && !dp.includes(toNodeIndex(i)))
          return new ValidationError("Unmerged leaf did not represent a non-blank descendant leaf node");
        for (const parentIdx of dp) {
          const dpNode = tree[parentIdx];
          if (dpNode !== void 0) {
            if (dpNode.nodeType !== "parent")
              return new InternalError("Expected parent node");
            if (!arraysEqual(dpNode.parent.unmergedLeaves, n.parent.unmergedLeaves))
              return new ValidationError("non-blank intermediate node must list leaf node in its unmerged_leaves");
          }
        }
      }
    }
  }
  for (const n of tree) {
    if (n?.nodeType === "leaf") {
      for (const credentialType of credentialTypes2) {
        if (!n.leaf.capabilities.credentials.includes(credentialType))
          return new ValidationError("LeafNode has credential that is not supported by member of the group");
      }
    }
  }
  const parentHashesVerified = await verifyParentHashes(tree, cs.hash);
  if (!parentHashesVerified)
    return new CryptoVerificationError("Unable to verify parent hash");
  if (!constantTimeEqual(treeHash2, await treeHashRoot(tree, cs.hash)))
    return new ValidationError("Unable to verify tree hash");
}
async function validateLeafNodeUpdateOrCommit(leafNode, leafIndex, groupContext, authService, s) {
  const signatureValid = await verifyLeafNodeSignature(leafNode, groupContext.groupId, leafIndex, s);
  if (!signatureValid)
    return new CryptoVerificationError("Could not verify leaf node signature");
  const commonError = await validateLeafNodeCommon(leafNode, groupContext, authService);
  if (commonError !== void 0)
    return commonError;
}
function throwIfDefined(err) {
  if (err !== void 0)
    throw err;
}
async function validateLeafNodeCommon(leafNode, groupContext, authService) {
  const credentialValid = await authService.validateCredential(leafNode.credential, leafNode.signaturePublicKey);
  if (!credentialValid)
    return new ValidationError("Could not validate credential");
  const requiredCapabilities = groupContext.extensions.find((e) => e.extensionType === "required_capabilities");
  if (requiredCapabilities !== void 0) {
    const caps = decodeRequiredCapabilities(requiredCapabilities.extensionData, 0);
    if (caps === void 0)
      return new CodecError("Could not decode required_capabilities");
    const leafSupportsCapabilities = capabiltiesAreSupported(caps[0], leafNode.capabilities);
    if (!leafSupportsCapabilities)
      return new ValidationError("LeafNode does not support required capabilities");
  }
  const extensionsSupported = extensionsSupportedByCapabilities(leafNode.extensions, leafNode.capabilities);
  if (!extensionsSupported)
    return new ValidationError("LeafNode contains extension not listed in capabilities");
}
async function validateLeafNodeKeyPackage(leafNode, groupContext, sentByClient, config, authService, s) {
  const signatureValid = await verifyLeafNodeSignatureKeyPackage(leafNode, s);
  if (!signatureValid)
    return new CryptoVerificationError("Could not verify leaf node signature");
  if (sentByClient || config.validateLifetimeOnReceive) {
    if (leafNode.leafNodeSource === "key_package") {
      const currentTime = BigInt(Math.floor(Date.now() / 1e3));
      if (leafNode.lifetime.notBefore > currentTime || leafNode.lifetime.notAfter < currentTime)
        return new ValidationError("Current time not within Lifetime");
    }
  }
  const commonError = await validateLeafNodeCommon(leafNode, groupContext, authService);
  if (commonError !== void 0)
    return commonError;
}
async function validateLeafNodeCredentialAndKeyUniqueness(tree, leafNode, existingLeafIndex) {
  const hpkeKeys = /* @__PURE__ */ new Set();
  const signatureKeys = /* @__PURE__ */ new Set();
  for (const [nodeIndex, node] of tree.entries()) {
    if (node?.nodeType === "leaf") {
      if (!node.leaf.capabilities.credentials.includes(leafNode.credential.credentialType)) {
        return new ValidationError("LeafNode has credential that is not supported by member of the group");
      }
      const hpkeKey = bytesToBase64(node.leaf.hpkePublicKey);
      if (hpkeKeys.has(hpkeKey))
        return new ValidationError("hpke keys not unique");
      else
        hpkeKeys.add(hpkeKey);
      const signatureKey = bytesToBase64(node.leaf.signaturePublicKey);
      if (signatureKeys.has(signatureKey) && existingLeafIndex !== nodeToLeafIndex(toNodeIndex(nodeIndex)))
        return new ValidationError("signature keys not unique");
      else
        signatureKeys.add(signatureKey);
    } else if (node?.nodeType === "parent") {
      const hpkeKey = bytesToBase64(node.parent.hpkePublicKey);
      if (hpkeKeys.has(hpkeKey))
        return new ValidationError("hpke keys not unique");
      else
        hpkeKeys.add(hpkeKey);
    }
  }
}
async function validateKeyPackage(kp, groupContext, tree, sentByClient, config, authService, s) {
  if (kp.cipherSuite !== groupContext.cipherSuite)
    return new ValidationError("Invalid CipherSuite");
  if (kp.version !== groupContext.version)
    return new ValidationError("Invalid mls version");
  const leafNodeConsistentWithTree = await validateLeafNodeCredentialAndKeyUniqueness(tree, kp.leafNode);
  if (leafNodeConsistentWithTree !== void 0)
    return leafNodeConsistentWithTree;
  const leafNodeError = await validateLeafNodeKeyPackage(kp.leafNode, groupContext, sentByClient, config, authService, s);
  if (leafNodeError !== void 0)
    return leafNodeError;
  const signatureValid = await verifyKeyPackage(kp, s);
  if (!signatureValid)
    return new CryptoVerificationError("Invalid keypackage signature");
  if (constantTimeEqual(kp.initKey, kp.leafNode.hpkePublicKey))
    return new ValidationError("Cannot have identicial init and encryption keys");
}
function validateReinit(allProposals, reinit, gc) {
  if (allProposals.length !== 1)
    return new ValidationError("Reinit proposal needs to be commited by itself");
  if (protocolVersions[reinit.version] < protocolVersions[gc.version])
    return new ValidationError("A ReInit proposal cannot use a version less than the version for the current group");
}
function validateExternalInit(grouped) {
  if (grouped.external_init.length > 1)
    return new ValidationError("Cannot contain more than one external_init proposal");
  if (grouped.remove.length > 1)
    return new ValidationError("Cannot contain more than one remove proposal");
  if (grouped.add.length > 0 || grouped.group_context_extensions.length > 0 || grouped.reinit.length > 0 || grouped.update.length > 0)
    return new ValidationError("Invalid proposals");
}
function validateRemove(remove, tree) {
  if (tree[leafToNodeIndex(toLeafIndex(remove.removed))] === void 0)
    return new ValidationError("Tried to remove empty leaf node");
}
async function applyProposals(state, proposals, committerLeafIndex, pskSearch, sentByClient, cs) {
  const allProposals = proposals.reduce((acc, cur) => {
    if (cur.proposalOrRefType === "proposal")
      return [...acc, { proposal: cur.proposal, senderLeafIndex: committerLeafIndex }];
    const p = state.unappliedProposals[bytesToBase64(cur.reference)];
    if (p === void 0)
      throw new ValidationError("Could not find proposal with supplied reference");
    return [...acc, p];
  }, []);
  const grouped = allProposals.reduce((acc, cur) => {
    if (typeof cur.proposal.proposalType === "number")
      return acc;
    const proposal = acc[cur.proposal.proposalType] ?? [];
    return { ...acc, [cur.proposal.proposalType]: [...proposal, cur] };
  }, emptyProposals);
  const zeroes = new Uint8Array(cs.kdf.size);
  const isExternalInit = grouped.external_init.length > 0;
  if (!isExternalInit) {
    if (grouped.reinit.length > 0) {
      const reinit = grouped.reinit.at(0).proposal.reinit;
      throwIfDefined(validateReinit(allProposals, reinit, state.groupContext));
      return {
        tree: state.ratchetTree,
        pskSecret: zeroes,
        pskIds: [],
        needsUpdatePath: false,
        additionalResult: {
          kind: "reinit",
          reinit
        },
        selfRemoved: false,
        allProposals
      };
    }
    throwIfDefined(await validateProposals(grouped, committerLeafIndex, state.groupContext, state.clientConfig.keyPackageEqualityConfig, state.clientConfig.authService, state.ratchetTree));
    const newExtensions = flattenExtensions(grouped.group_context_extensions);
    const [mutatedTree, addedLeafNodes] = await applyTreeMutations(state.ratchetTree, grouped, state.groupContext, sentByClient, state.clientConfig.authService, state.clientConfig.lifetimeConfig, cs.signature);
    const [updatedPskSecret, pskIds] = await accumulatePskSecret(grouped.psk.map((p) => p.proposal.psk.preSharedKeyId), pskSearch, cs, zeroes);
    const selfRemoved = mutatedTree[leafToNodeIndex(toLeafIndex(state.privatePath.leafIndex))] === void 0;
    const needsUpdatePath = allProposals.length === 0 || Object.values(grouped.update).length > 0 || Object.values(grouped.remove).length > 0 || grouped.group_context_extensions.length > 0;
    return {
      tree: mutatedTree,
      pskSecret: updatedPskSecret,
      additionalResult: {
        kind: "memberCommit",
        addedLeafNodes,
        extensions: newExtensions
      },
      pskIds,
      needsUpdatePath,
      selfRemoved,
      allProposals
    };
  } else {
    throwIfDefined(validateExternalInit(grouped));
    const treeAfterRemove = grouped.remove.reduce((acc, { proposal }) => {
      return removeLeafNode(acc, toLeafIndex(proposal.remove.removed));
    }, state.ratchetTree);
    const zeroes2 = new Uint8Array(cs.kdf.size);
    const [updatedPskSecret, pskIds] = await accumulatePskSecret(grouped.psk.map((p) => p.proposal.psk.preSharedKeyId), pskSearch, cs, zeroes2);
    const initProposal = grouped.external_init.at(0);
    const externalKeyPair = await cs.hpke.deriveKeyPair(state.keySchedule.externalSecret);
    const externalInitSecret = await importSecret(await cs.hpke.exportPrivateKey(externalKeyPair.privateKey), initProposal.proposal.externalInit.kemOutput, cs);
    return {
      needsUpdatePath: true,
      tree: treeAfterRemove,
      pskSecret: updatedPskSecret,
      pskIds,
      additionalResult: {
        kind: "externalCommit",
        externalInitSecret,
        newMemberLeafIndex: nodeToLeafIndex(findBlankLeafNodeIndexOrExtend(treeAfterRemove))
      },
      selfRemoved: false,
      allProposals
    };
  }
}
function makePskIndex(state, externalPsks) {
  return {
    findPsk(preSharedKeyId) {
      if (preSharedKeyId.psktype === "external") {
        return externalPsks[bytesToBase64(preSharedKeyId.pskId)];
      }
      if (state !== void 0 && constantTimeEqual(preSharedKeyId.pskGroupId, state.groupContext.groupId)) {
        if (preSharedKeyId.pskEpoch === state.groupContext.epoch)
          return state.keySchedule.resumptionPsk;
        else
          return state.historicalReceiverData.get(preSharedKeyId.pskEpoch)?.resumptionPsk;
      }
    }
  };
}
async function nextEpochContext(groupContext, wireformat, content, signature, updatedTreeHash, confirmationTag, h) {
  const interimTranscriptHash = await createInterimHash(groupContext.confirmedTranscriptHash, confirmationTag, h);
  const newConfirmedHash = await createConfirmedHash(interimTranscriptHash, { wireformat, content, signature }, h);
  return {
    ...groupContext,
    epoch: groupContext.epoch + 1n,
    treeHash: updatedTreeHash,
    confirmedTranscriptHash: newConfirmedHash
  };
}
async function joinGroup(welcome, keyPackage, privateKeys, pskSearch, cs, ratchetTree, resumingFromState, clientConfig = defaultClientConfig) {
  const res = await joinGroupWithExtensions(welcome, keyPackage, privateKeys, pskSearch, cs, ratchetTree, resumingFromState, clientConfig);
  return res[0];
}
async function joinGroupWithExtensions(welcome, keyPackage, privateKeys, pskSearch, cs, ratchetTree, resumingFromState, clientConfig = defaultClientConfig) {
  const keyPackageRef = await makeKeyPackageRef(keyPackage, cs.hash);
  const privKey = await cs.hpke.importPrivateKey(privateKeys.initPrivateKey);
  const groupSecrets = await decryptGroupSecrets(privKey, keyPackageRef, welcome, cs.hpke);
  if (groupSecrets === void 0)
    throw new CodecError("Could not decode group secrets");
  const zeroes = new Uint8Array(cs.kdf.size);
  const [pskSecret, pskIds] = await accumulatePskSecret(groupSecrets.psks, pskSearch, cs, zeroes);
  const gi = await decryptGroupInfo(welcome, groupSecrets.joinerSecret, pskSecret, cs);
  if (gi === void 0)
    throw new CodecError("Could not decode group info");
  const resumptionPsk = pskIds.find((id) => id.psktype === "resumption");
  if (resumptionPsk !== void 0) {
    if (resumingFromState === void 0)
      throw new ValidationError("No prior state passed for resumption");
    if (resumptionPsk.pskEpoch !== resumingFromState.groupContext.epoch)
      throw new ValidationError("Epoch mismatch");
    if (!constantTimeEqual(resumptionPsk.pskGroupId, resumingFromState.groupContext.groupId))
      throw new ValidationError("old groupId mismatch");
    if (gi.groupContext.epoch !== 1n)
      throw new ValidationError("Resumption must be started at epoch 1");
    if (resumptionPsk.usage === "reinit") {
      if (resumingFromState.groupActiveState.kind !== "suspendedPendingReinit")
        throw new ValidationError("Found reinit psk but no old suspended clientState");
      if (!constantTimeEqual(resumingFromState.groupActiveState.reinit.groupId, gi.groupContext.groupId))
        throw new ValidationError("new groupId mismatch");
      if (resumingFromState.groupActiveState.reinit.version !== gi.groupContext.version)
        throw new ValidationError("Version mismatch");
      if (resumingFromState.groupActiveState.reinit.cipherSuite !== gi.groupContext.cipherSuite)
        throw new ValidationError("Ciphersuite mismatch");
      if (!extensionsEqual(resumingFromState.groupActiveState.reinit.extensions, gi.groupContext.extensions))
        throw new ValidationError("Extensions mismatch");
    }
  }
  const allExtensionsSupported = extensionsSupportedByCapabilities(gi.groupContext.extensions, keyPackage.leafNode.capabilities);
  if (!allExtensionsSupported)
    throw new UsageError("client does not support every extension in the GroupContext");
  const tree = ratchetTreeFromExtension(gi) ?? ratchetTree;
  if (tree === void 0)
    throw new UsageError("No RatchetTree passed and no ratchet_tree extension");
  const signerNode = tree[leafToNodeIndex(toLeafIndex(gi.signer))];
  if (signerNode === void 0) {
    throw new ValidationError("Could not find signer leafNode");
  }
  if (signerNode.nodeType === "parent")
    throw new ValidationError("Expected non blank leaf node");
  const credentialVerified = await clientConfig.authService.validateCredential(signerNode.leaf.credential, signerNode.leaf.signaturePublicKey);
  if (!credentialVerified)
    throw new ValidationError("Could not validate credential");
  const groupInfoSignatureVerified = await verifyGroupInfoSignature(gi, signerNode.leaf.signaturePublicKey, cs.signature);
  if (!groupInfoSignatureVerified)
    throw new CryptoVerificationError("Could not verify groupInfo signature");
  if (gi.groupContext.cipherSuite !== keyPackage.cipherSuite)
    throw new ValidationError("cipher suite in the GroupInfo does not match the cipher_suite in the KeyPackage");
  throwIfDefined(await validateRatchetTree(tree, gi.groupContext, clientConfig.lifetimeConfig, clientConfig.authService, gi.groupContext.treeHash, cs));
  const newLeaf = findLeafIndex(tree, keyPackage.leafNode);
  if (newLeaf === void 0)
    throw new ValidationError("Could not find own leaf when processing welcome");
  const privateKeyPath = {
    leafIndex: newLeaf,
    privateKeys: { [leafToNodeIndex(newLeaf)]: privateKeys.hpkePrivateKey }
  };
  const ancestorNodeIndex = firstCommonAncestor(tree, newLeaf, toLeafIndex(gi.signer));
  const updatedPkp = groupSecrets.pathSecret === void 0 ? privateKeyPath : mergePrivateKeyPaths(await toPrivateKeyPath(await pathToRoot(tree, ancestorNodeIndex, groupSecrets.pathSecret, cs.kdf), newLeaf, cs), privateKeyPath);
  const [keySchedule, encryptionSecret] = await deriveKeySchedule(groupSecrets.joinerSecret, pskSecret, gi.groupContext, cs.kdf);
  const confirmationTagVerified = await verifyGroupInfoConfirmationTag(gi, groupSecrets.joinerSecret, pskSecret, cs);
  if (!confirmationTagVerified)
    throw new CryptoVerificationError("Could not verify confirmation tag");
  const secretTree = await createSecretTree(leafWidth(tree.length), encryptionSecret, cs.kdf);
  zeroOutUint8Array(encryptionSecret);
  zeroOutUint8Array(groupSecrets.joinerSecret);
  return [
    {
      groupContext: gi.groupContext,
      ratchetTree: tree,
      privatePath: updatedPkp,
      signaturePrivateKey: privateKeys.signaturePrivateKey,
      confirmationTag: gi.confirmationTag,
      unappliedProposals: {},
      keySchedule,
      secretTree,
      historicalReceiverData: /* @__PURE__ */ new Map(),
      groupActiveState: { kind: "active" },
      clientConfig
    },
    gi.extensions
  ];
}
async function createGroup(groupId, keyPackage, privateKeyPackage, extensions, cs, clientConfig = defaultClientConfig) {
  const ratchetTree = [{ nodeType: "leaf", leaf: keyPackage.leafNode }];
  const privatePath = {
    leafIndex: 0,
    privateKeys: { [0]: privateKeyPackage.hpkePrivateKey }
  };
  const confirmedTranscriptHash = new Uint8Array();
  const groupContext = {
    version: "mls10",
    cipherSuite: cs.name,
    epoch: 0n,
    treeHash: await treeHashRoot(ratchetTree, cs.hash),
    groupId,
    extensions,
    confirmedTranscriptHash
  };
  throwIfDefined(await validateExternalSenders(extensions, clientConfig.authService));
  const epochSecret = cs.rng.randomBytes(cs.kdf.size);
  const keySchedule = await initializeKeySchedule(epochSecret, cs.kdf);
  const confirmationTag = await createConfirmationTag(keySchedule.confirmationKey, confirmedTranscriptHash, cs.hash);
  const encryptionSecret = await deriveSecret(epochSecret, "encryption", cs.kdf);
  const secretTree = await createSecretTree(1, encryptionSecret, cs.kdf);
  zeroOutUint8Array(epochSecret);
  return {
    ratchetTree,
    keySchedule,
    secretTree,
    privatePath,
    signaturePrivateKey: privateKeyPackage.signaturePrivateKey,
    unappliedProposals: {},
    historicalReceiverData: /* @__PURE__ */ new Map(),
    groupContext,
    confirmationTag,
    groupActiveState: { kind: "active" },
    clientConfig
  };
}
async function importSecret(privateKey, kemOutput, cs) {
  return cs.hpke.importSecret(await cs.hpke.importPrivateKey(privateKey), new TextEncoder().encode("MLS 1.0 external init secret"), kemOutput, cs.kdf.size, new Uint8Array());
}
async function applyTreeMutations(ratchetTree, grouped, gc, sentByClient, authService, lifetimeConfig, s) {
  const treeAfterUpdate = await grouped.update.reduce(async (acc, { senderLeafIndex, proposal }) => {
    if (senderLeafIndex === void 0)
      throw new InternalError("No sender index found for update proposal");
    throwIfDefined(await validateLeafNodeUpdateOrCommit(proposal.update.leafNode, senderLeafIndex, gc, authService, s));
    throwIfDefined(await validateLeafNodeCredentialAndKeyUniqueness(ratchetTree, proposal.update.leafNode, senderLeafIndex));
    return updateLeafNode(await acc, proposal.update.leafNode, toLeafIndex(senderLeafIndex));
  }, Promise.resolve(ratchetTree));
  const treeAfterRemove = grouped.remove.reduce((acc, { proposal }) => {
    throwIfDefined(validateRemove(proposal.remove, ratchetTree));
    return removeLeafNode(acc, toLeafIndex(proposal.remove.removed));
  }, treeAfterUpdate);
  const [treeAfterAdd, addedLeafNodes] = await grouped.add.reduce(async (acc, { proposal }) => {
    throwIfDefined(await validateKeyPackage(proposal.add.keyPackage, gc, ratchetTree, sentByClient, lifetimeConfig, authService, s));
    const [tree, ws] = await acc;
    const [updatedTree, leafNodeIndex] = addLeafNode(tree, proposal.add.keyPackage.leafNode);
    return [
      updatedTree,
      [...ws, [nodeToLeafIndex(leafNodeIndex), proposal.add.keyPackage]]
    ];
  }, Promise.resolve([treeAfterRemove, []]));
  return [treeAfterAdd, addedLeafNodes];
}
async function processProposal(state, content, proposal, h) {
  const ref = await makeProposalRef(content, h);
  return {
    ...state,
    unappliedProposals: addUnappliedProposal(ref, state.unappliedProposals, proposal, getSenderLeafNodeIndex(content.content.sender))
  };
}
function addHistoricalReceiverData(state) {
  const withNew = addToMap(state.historicalReceiverData, state.groupContext.epoch, {
    secretTree: state.secretTree,
    ratchetTree: state.ratchetTree,
    senderDataSecret: state.keySchedule.senderDataSecret,
    groupContext: state.groupContext,
    resumptionPsk: state.keySchedule.resumptionPsk
  });
  const epochs = [...withNew.keys()];
  const result = epochs.length >= state.clientConfig.keyRetentionConfig.retainKeysForEpochs ? removeOldHistoricalReceiverData(withNew, state.clientConfig.keyRetentionConfig.retainKeysForEpochs) : [withNew, []];
  return result;
}
function removeOldHistoricalReceiverData(historicalReceiverData, max) {
  const sortedEpochs = [...historicalReceiverData.keys()].sort((a, b) => a < b ? -1 : 1);
  const cutoff = sortedEpochs.length - max;
  const toBeDeleted = new Array();
  const map = /* @__PURE__ */ new Map();
  for (const [n, epoch] of sortedEpochs.entries()) {
    const data = historicalReceiverData.get(epoch);
    if (n < cutoff) {
      toBeDeleted.push(...allSecretTreeValues(data.secretTree));
    } else {
      map.set(epoch, data);
    }
  }
  return [new Map(sortedEpochs.slice(-max).map((epoch) => [epoch, historicalReceiverData.get(epoch)])), []];
}

// node_modules/ts-mls/dist/src/privateMessage.js
var privateMessageEncoder = contramapBufferEncoders([varLenDataEncoder, uint64Encoder, contentTypeEncoder, varLenDataEncoder, varLenDataEncoder, varLenDataEncoder], (msg) => [msg.groupId, msg.epoch, msg.contentType, msg.authenticatedData, msg.encryptedSenderData, msg.ciphertext]);
var encodePrivateMessage = encode(privateMessageEncoder);
var decodePrivateMessage = mapDecoders([decodeVarLenData, decodeUint64, decodeContentType, decodeVarLenData, decodeVarLenData, decodeVarLenData], (groupId, epoch, contentType, authenticatedData, encryptedSenderData, ciphertext) => ({
  groupId,
  epoch,
  contentType,
  authenticatedData,
  encryptedSenderData,
  ciphertext
}));
var privateContentAADEncoder = contramapBufferEncoders([varLenDataEncoder, uint64Encoder, contentTypeEncoder, varLenDataEncoder], (aad) => [aad.groupId, aad.epoch, aad.contentType, aad.authenticatedData]);
var encodePrivateContentAAD = encode(privateContentAADEncoder);
var decodePrivateContentAAD = mapDecoders([decodeVarLenData, decodeUint64, decodeContentType, decodeVarLenData], (groupId, epoch, contentType, authenticatedData) => ({
  groupId,
  epoch,
  contentType,
  authenticatedData
}));
function decodePrivateMessageContent(contentType) {
  switch (contentType) {
    case "application":
      return decoderWithPadding(mapDecoders([decodeVarLenData, decodeVarLenData], (applicationData, signature) => ({
        contentType,
        applicationData,
        auth: { contentType, signature }
      })));
    case "proposal":
      return decoderWithPadding(mapDecoders([decodeProposal, decodeVarLenData], (proposal, signature) => ({
        contentType,
        proposal,
        auth: { contentType, signature }
      })));
    case "commit":
      return decoderWithPadding(mapDecoders([decodeCommit, decodeVarLenData, decodeFramedContentAuthDataCommit], (commit, signature, auth) => ({
        contentType,
        commit,
        auth: { ...auth, signature, contentType }
      })));
  }
}
function privateMessageContentEncoder(config) {
  return (msg) => {
    switch (msg.contentType) {
      case "application":
        return encoderWithPadding(contramapBufferEncoders([varLenDataEncoder, framedContentAuthDataEncoder], (m) => [m.applicationData, m.auth]), config)(msg);
      case "proposal":
        return encoderWithPadding(contramapBufferEncoders([proposalEncoder, framedContentAuthDataEncoder], (m) => [m.proposal, m.auth]), config)(msg);
      case "commit":
        return encoderWithPadding(contramapBufferEncoders([commitEncoder, framedContentAuthDataEncoder], (m) => [m.commit, m.auth]), config)(msg);
    }
  };
}
function encodePrivateMessageContent(config) {
  return encode(privateMessageContentEncoder(config));
}
async function decryptSenderData(msg, senderDataSecret, cs) {
  const key = await expandSenderDataKey(cs, senderDataSecret, msg.ciphertext);
  const nonce = await expandSenderDataNonce(cs, senderDataSecret, msg.ciphertext);
  const aad = {
    groupId: msg.groupId,
    epoch: msg.epoch,
    contentType: msg.contentType
  };
  const decrypted = await cs.hpke.decryptAead(key, nonce, encode(senderDataAADEncoder)(aad), msg.encryptedSenderData);
  return decodeSenderData(decrypted, 0)?.[0];
}
async function encryptSenderData(senderDataSecret, senderData, aad, ciphertext, cs) {
  const key = await expandSenderDataKey(cs, senderDataSecret, ciphertext);
  const nonce = await expandSenderDataNonce(cs, senderDataSecret, ciphertext);
  return await cs.hpke.encryptAead(key, nonce, encode(senderDataAADEncoder)(aad), encode(senderDataEncoder)(senderData));
}
function toAuthenticatedContent(content, msg, senderLeafIndex) {
  return {
    wireformat: "mls_private_message",
    content: {
      groupId: msg.groupId,
      epoch: msg.epoch,
      sender: {
        senderType: "member",
        leafIndex: senderLeafIndex
      },
      authenticatedData: msg.authenticatedData,
      ...content
    },
    auth: content.auth
  };
}
function encoderWithPadding(encoder, config) {
  return (t) => {
    const [len, write] = encoder(t);
    const totalLength = len + byteLengthToPad(len, config);
    return [
      totalLength,
      (offset, buffer) => {
        write(offset, buffer);
      }
    ];
  };
}
function decoderWithPadding(decoder) {
  return (bytes, offset) => {
    const result = decoder(bytes, offset);
    if (result === void 0)
      return void 0;
    const [decoded, innerOffset] = result;
    const paddingBytes = bytes.subarray(offset + innerOffset, bytes.length);
    const allZeroes = paddingBytes.every((byte) => byte === 0);
    if (!allZeroes)
      return void 0;
    return [decoded, bytes.length];
  };
}

// node_modules/ts-mls/dist/src/messageProtection.js
async function protectApplicationData(signKey, senderDataSecret, applicationData, authenticatedData, groupContext, secretTree, leafIndex, paddingConfig, cs) {
  const tbs = {
    protocolVersion: groupContext.version,
    wireformat: "mls_private_message",
    content: {
      contentType: "application",
      applicationData,
      groupId: groupContext.groupId,
      epoch: groupContext.epoch,
      sender: {
        senderType: "member",
        leafIndex
      },
      authenticatedData
    },
    senderType: "member",
    context: groupContext
  };
  const auth = await signFramedContentApplicationOrProposal(signKey, tbs, cs);
  const content = {
    ...tbs.content,
    auth
  };
  const result = await protect(senderDataSecret, authenticatedData, groupContext, secretTree, content, leafIndex, paddingConfig, cs);
  return { newSecretTree: result.tree, privateMessage: result.privateMessage, consumed: result.consumed };
}
async function protect(senderDataSecret, authenticatedData, groupContext, secretTree, content, leafIndex, config, cs) {
  const node = secretTree[leafToNodeIndex(toLeafIndex(leafIndex))];
  if (node === void 0)
    throw new InternalError("Bad node index for secret tree");
  const { newTree, generation, reuseGuard, nonce, key, consumed } = await consumeRatchet(secretTree, leafToNodeIndex(toLeafIndex(leafIndex)), content.contentType, cs);
  const aad = {
    groupId: groupContext.groupId,
    epoch: groupContext.epoch,
    contentType: content.contentType,
    authenticatedData
  };
  const ciphertext = await cs.hpke.encryptAead(key, nonce, encode(privateContentAADEncoder)(aad), encodePrivateMessageContent(config)(content));
  const senderData = {
    leafIndex,
    generation,
    reuseGuard
  };
  const senderAad = {
    groupId: groupContext.groupId,
    epoch: groupContext.epoch,
    contentType: content.contentType
  };
  const encryptedSenderData = await encryptSenderData(senderDataSecret, senderData, senderAad, ciphertext, cs);
  return {
    privateMessage: {
      groupId: groupContext.groupId,
      epoch: groupContext.epoch,
      encryptedSenderData,
      contentType: content.contentType,
      authenticatedData,
      ciphertext
    },
    tree: newTree,
    consumed
  };
}
async function unprotectPrivateMessage(senderDataSecret, msg, secretTree, ratchetTree, groupContext, config, cs, overrideSignatureKey) {
  const senderData = await decryptSenderData(msg, senderDataSecret, cs);
  if (senderData === void 0)
    throw new CodecError("Could not decode senderdata");
  validateSenderData(senderData, ratchetTree);
  const { key, nonce, newTree, consumed } = await ratchetToGeneration(secretTree, senderData, msg.contentType, config, cs);
  const aad = {
    groupId: msg.groupId,
    epoch: msg.epoch,
    contentType: msg.contentType,
    authenticatedData: msg.authenticatedData
  };
  const decrypted = await cs.hpke.decryptAead(key, nonce, encode(privateContentAADEncoder)(aad), msg.ciphertext);
  const pmc = decodePrivateMessageContent(msg.contentType)(decrypted, 0)?.[0];
  if (pmc === void 0)
    throw new CodecError("Could not decode PrivateMessageContent");
  const content = toAuthenticatedContent(pmc, msg, senderData.leafIndex);
  const signaturePublicKey = overrideSignatureKey !== void 0 ? overrideSignatureKey : getSignaturePublicKeyFromLeafIndex(ratchetTree, toLeafIndex(senderData.leafIndex));
  const signatureValid = await verifyFramedContentSignature(signaturePublicKey, "mls_private_message", content.content, content.auth, groupContext, cs.signature);
  if (!signatureValid)
    throw new CryptoVerificationError("Signature invalid");
  return { tree: newTree, content, consumed };
}
function validateSenderData(senderData, tree) {
  if (tree[leafToNodeIndex(toLeafIndex(senderData.leafIndex))]?.nodeType !== "leaf")
    return new ValidationError("SenderData did not point to a non-blank leaf node");
}

// node_modules/ts-mls/dist/src/createMessage.js
async function createApplicationMessage(state, message, cs, authenticatedData = new Uint8Array()) {
  checkCanSendApplicationMessages(state);
  const result = await protectApplicationData(state.signaturePrivateKey, state.keySchedule.senderDataSecret, message, authenticatedData, state.groupContext, state.secretTree, state.privatePath.leafIndex, state.clientConfig.paddingConfig, cs);
  return {
    newState: { ...state, secretTree: result.newSecretTree },
    privateMessage: result.privateMessage,
    consumed: result.consumed
  };
}

// node_modules/ts-mls/dist/src/createCommit.js
async function createCommit(context, options) {
  const { state, pskIndex = makePskIndex(state, {}), cipherSuite: cipherSuite2 } = context;
  const { wireAsPublicMessage = false, extraProposals = [], ratchetTreeExtension = false, authenticatedData = new Uint8Array(), groupInfoExtensions = [] } = options ?? {};
  checkCanSendHandshakeMessages(state);
  const wireformat = wireAsPublicMessage ? "mls_public_message" : "mls_private_message";
  const allProposals = bundleAllProposals(state, extraProposals);
  const res = await applyProposals(state, allProposals, toLeafIndex(state.privatePath.leafIndex), pskIndex, true, cipherSuite2);
  if (res.additionalResult.kind === "externalCommit")
    throw new UsageError("Cannot create externalCommit as a member");
  const suspendedPendingReinit = res.additionalResult.kind === "reinit" ? res.additionalResult.reinit : void 0;
  const excludeNodes = res.additionalResult.kind === "memberCommit" ? res.additionalResult.addedLeafNodes.map(([leafIndex]) => leafToNodeIndex(leafIndex)) : [];
  const [tree, updatePath, pathSecrets, newPrivateKey] = res.needsUpdatePath ? await createUpdatePath(res.tree, toLeafIndex(state.privatePath.leafIndex), res.additionalResult.kind === "memberCommit" && res.additionalResult.extensions.length > 0 ? { ...state.groupContext, extensions: res.additionalResult.extensions } : state.groupContext, state.signaturePrivateKey, cipherSuite2, excludeNodes) : [res.tree, void 0, [], void 0];
  const updatedExtensions = res.additionalResult.kind === "memberCommit" && res.additionalResult.extensions.length > 0 ? res.additionalResult.extensions : state.groupContext.extensions;
  const groupContextWithExtensions = { ...state.groupContext, extensions: updatedExtensions };
  const privateKeys = mergePrivateKeyPaths(newPrivateKey !== void 0 ? updateLeafKey(state.privatePath, await cipherSuite2.hpke.exportPrivateKey(newPrivateKey)) : state.privatePath, await toPrivateKeyPath(pathToPathSecrets(pathSecrets), state.privatePath.leafIndex, cipherSuite2));
  const lastPathSecret = pathSecrets.at(-1);
  const commitSecret = lastPathSecret === void 0 ? new Uint8Array(cipherSuite2.kdf.size) : await getCommitSecret(tree, toNodeIndex(lastPathSecret.nodeIndex), lastPathSecret.secret, cipherSuite2.kdf);
  const { signature, framedContent } = await createContentCommitSignature(state.groupContext, wireformat, { proposals: allProposals, path: updatePath }, { senderType: "member", leafIndex: state.privatePath.leafIndex }, authenticatedData, state.signaturePrivateKey, cipherSuite2.signature);
  const treeHash2 = await treeHashRoot(tree, cipherSuite2.hash);
  const updatedGroupContext = await nextEpochContext(groupContextWithExtensions, wireformat, framedContent, signature, treeHash2, state.confirmationTag, cipherSuite2.hash);
  const epochSecrets = await initializeEpoch(state.keySchedule.initSecret, commitSecret, updatedGroupContext, res.pskSecret, cipherSuite2.kdf);
  const confirmationTag = await createConfirmationTag(epochSecrets.keySchedule.confirmationKey, updatedGroupContext.confirmedTranscriptHash, cipherSuite2.hash);
  const authData = {
    contentType: framedContent.contentType,
    signature,
    confirmationTag
  };
  const [commit, _newTree, consumedSecrets] = await protectCommit(wireAsPublicMessage, state, authenticatedData, framedContent, authData, cipherSuite2);
  const welcome = await createWelcome(ratchetTreeExtension, updatedGroupContext, confirmationTag, state, tree, cipherSuite2, epochSecrets, res, pathSecrets, groupInfoExtensions);
  const groupActiveState = res.selfRemoved ? { kind: "removedFromGroup" } : suspendedPendingReinit !== void 0 ? { kind: "suspendedPendingReinit", reinit: suspendedPendingReinit } : { kind: "active" };
  const [historicalReceiverData, consumedEpochData] = addHistoricalReceiverData(state);
  const newState = {
    groupContext: updatedGroupContext,
    ratchetTree: tree,
    secretTree: await createSecretTree(leafWidth(tree.length), epochSecrets.encryptionSecret, cipherSuite2.kdf),
    keySchedule: epochSecrets.keySchedule,
    privatePath: privateKeys,
    unappliedProposals: {},
    historicalReceiverData,
    confirmationTag,
    signaturePrivateKey: state.signaturePrivateKey,
    groupActiveState,
    clientConfig: state.clientConfig
  };
  zeroOutUint8Array(commitSecret);
  zeroOutUint8Array(epochSecrets.encryptionSecret);
  zeroOutUint8Array(epochSecrets.joinerSecret);
  const consumed = [...consumedSecrets, ...consumedEpochData, state.keySchedule.initSecret];
  return { newState, welcome, commit, consumed };
}
function bundleAllProposals(state, extraProposals) {
  const refs = Object.keys(state.unappliedProposals).map((p) => ({
    proposalOrRefType: "reference",
    reference: base64ToBytes(p)
  }));
  const proposals = extraProposals.map((p) => ({ proposalOrRefType: "proposal", proposal: p }));
  return [...refs, ...proposals];
}
async function createWelcome(ratchetTreeExtension, groupContext, confirmationTag, state, tree, cs, epochSecrets, res, pathSecrets, extensions) {
  const groupInfo = ratchetTreeExtension ? await createGroupInfoWithRatchetTree(groupContext, confirmationTag, state, tree, extensions, cs) : await createGroupInfo(groupContext, confirmationTag, state, extensions, cs);
  const encryptedGroupInfo = await encryptGroupInfo(groupInfo, epochSecrets.welcomeSecret, cs);
  const encryptedGroupSecrets = res.additionalResult.kind === "memberCommit" ? await Promise.all(res.additionalResult.addedLeafNodes.map(([leafNodeIndex, keyPackage]) => {
    return createEncryptedGroupSecrets(tree, leafNodeIndex, state, pathSecrets, cs, keyPackage, encryptedGroupInfo, epochSecrets, res);
  })) : [];
  return encryptedGroupSecrets.length > 0 ? {
    cipherSuite: groupContext.cipherSuite,
    secrets: encryptedGroupSecrets,
    encryptedGroupInfo
  } : void 0;
}
async function createEncryptedGroupSecrets(tree, leafNodeIndex, state, pathSecrets, cs, keyPackage, encryptedGroupInfo, epochSecrets, res) {
  const nodeIndex = firstCommonAncestor(tree, leafNodeIndex, toLeafIndex(state.privatePath.leafIndex));
  const pathSecret = pathSecrets.find((ps) => ps.nodeIndex === nodeIndex);
  const pk = await cs.hpke.importPublicKey(keyPackage.initKey);
  const egs = await encryptGroupSecrets(pk, encryptedGroupInfo, { joinerSecret: epochSecrets.joinerSecret, pathSecret: pathSecret?.secret, psks: res.pskIds }, cs.hpke);
  const ref = await makeKeyPackageRef(keyPackage, cs.hash);
  return { newMember: ref, encryptedGroupSecrets: { kemOutput: egs.enc, ciphertext: egs.ct } };
}
async function createGroupInfo(groupContext, confirmationTag, state, extensions, cs) {
  const groupInfoTbs = {
    groupContext,
    extensions,
    confirmationTag,
    signer: state.privatePath.leafIndex
  };
  return signGroupInfo(groupInfoTbs, state.signaturePrivateKey, cs.signature);
}
async function createGroupInfoWithRatchetTree(groupContext, confirmationTag, state, tree, extensions, cs) {
  const encodedTree = encode(ratchetTreeEncoder)(tree);
  const gi = await createGroupInfo(groupContext, confirmationTag, state, [...extensions, { extensionType: "ratchet_tree", extensionData: encodedTree }], cs);
  return gi;
}
async function protectCommit(publicMessage, state, authenticatedData, content, authData, cs) {
  const wireformat = publicMessage ? "mls_public_message" : "mls_private_message";
  const authenticatedContent = {
    wireformat,
    content,
    auth: authData
  };
  if (publicMessage) {
    const msg = await protectPublicMessage(state.keySchedule.membershipKey, state.groupContext, authenticatedContent, cs);
    return [{ version: "mls10", wireformat: "mls_public_message", publicMessage: msg }, state.secretTree, []];
  } else {
    const res = await protect(state.keySchedule.senderDataSecret, authenticatedData, state.groupContext, state.secretTree, { ...content, auth: authData }, state.privatePath.leafIndex, state.clientConfig.paddingConfig, cs);
    return [
      { version: "mls10", wireformat: "mls_private_message", privateMessage: res.privateMessage },
      res.tree,
      res.consumed
    ];
  }
}
async function applyUpdatePathSecret(tree, privatePath, senderLeafIndex, gc, path, excludeNodes, cs) {
  const { nodeIndex: ancestorNodeIndex, resolution: resolution2, updateNode } = firstMatchAncestor(tree, toLeafIndex(privatePath.leafIndex), senderLeafIndex, path);
  for (const [i, nodeIndex] of filterNewLeaves(resolution2, excludeNodes).entries()) {
    if (privatePath.privateKeys[nodeIndex] !== void 0) {
      const key = await cs.hpke.importPrivateKey(privatePath.privateKeys[nodeIndex]);
      const ct = updateNode.encryptedPathSecret[i];
      const pathSecret = await decryptWithLabel(key, "UpdatePathNode", encode(groupContextEncoder)(gc), ct.kemOutput, ct.ciphertext, cs.hpke);
      return { nodeIndex: ancestorNodeIndex, pathSecret };
    }
  }
  throw new InternalError("No overlap between provided private keys and update path");
}
function filterNewLeaves(resolution2, excludeNodes) {
  const set = new Set(excludeNodes);
  return resolution2.filter((i) => !set.has(i));
}

// node_modules/ts-mls/dist/src/processMessages.js
async function processPrivateMessage(state, pm, pskSearch, cs, callback = acceptAll) {
  if (pm.epoch < state.groupContext.epoch) {
    const receiverData = state.historicalReceiverData.get(pm.epoch);
    if (receiverData !== void 0) {
      const result2 = await unprotectPrivateMessage(receiverData.senderDataSecret, pm, receiverData.secretTree, receiverData.ratchetTree, receiverData.groupContext, state.clientConfig.keyRetentionConfig, cs);
      const newHistoricalReceiverData = addToMap(state.historicalReceiverData, pm.epoch, {
        ...receiverData,
        secretTree: result2.tree
      });
      const newState = { ...state, historicalReceiverData: newHistoricalReceiverData };
      if (result2.content.content.contentType === "application") {
        return {
          kind: "applicationMessage",
          message: result2.content.content.applicationData,
          newState,
          consumed: result2.consumed
        };
      } else {
        throw new ValidationError("Cannot process commit or proposal from former epoch");
      }
    } else {
      throw new ValidationError("Cannot process message, epoch too old");
    }
  }
  const result = await unprotectPrivateMessage(state.keySchedule.senderDataSecret, pm, state.secretTree, state.ratchetTree, state.groupContext, state.clientConfig.keyRetentionConfig, cs);
  const updatedState = { ...state, secretTree: result.tree };
  if (result.content.content.contentType === "application") {
    return {
      kind: "applicationMessage",
      message: result.content.content.applicationData,
      newState: updatedState,
      consumed: result.consumed
    };
  } else if (result.content.content.contentType === "commit") {
    const { newState, actionTaken, consumed } = await processCommit(updatedState, result.content, "mls_private_message", pskSearch, callback, cs);
    return {
      kind: "newState",
      newState,
      actionTaken,
      consumed: [...result.consumed, ...consumed]
    };
  } else {
    const action = callback({
      kind: "proposal",
      proposal: {
        proposal: result.content.content.proposal,
        senderLeafIndex: getSenderLeafNodeIndex(result.content.content.sender)
      }
    });
    if (action === "reject")
      return {
        kind: "newState",
        newState: updatedState,
        actionTaken: action,
        consumed: result.consumed
      };
    else
      return {
        kind: "newState",
        newState: await processProposal(updatedState, result.content, result.content.content.proposal, cs.hash),
        actionTaken: action,
        consumed: result.consumed
      };
  }
}
async function processPublicMessage(state, pm, pskSearch, cs, callback = acceptAll) {
  if (pm.content.epoch < state.groupContext.epoch)
    throw new ValidationError("Cannot process message, epoch too old");
  const content = await unprotectPublicMessage(state.keySchedule.membershipKey, state.groupContext, state.ratchetTree, pm, cs);
  if (content.content.contentType === "proposal") {
    const action = callback({
      kind: "proposal",
      proposal: { proposal: content.content.proposal, senderLeafIndex: getSenderLeafNodeIndex(content.content.sender) }
    });
    if (action === "reject")
      return {
        newState: state,
        actionTaken: action,
        consumed: []
      };
    else
      return {
        newState: await processProposal(state, content, content.content.proposal, cs.hash),
        actionTaken: action,
        consumed: []
      };
  } else {
    return processCommit(state, content, "mls_public_message", pskSearch, callback, cs);
  }
}
async function processCommit(state, content, wireformat, pskSearch, callback, cs) {
  if (content.content.epoch !== state.groupContext.epoch)
    throw new ValidationError("Could not validate epoch");
  const senderLeafIndex = content.content.sender.senderType === "member" ? toLeafIndex(content.content.sender.leafIndex) : void 0;
  const result = await applyProposals(state, content.content.commit.proposals, senderLeafIndex, pskSearch, false, cs);
  const action = callback({ kind: "commit", senderLeafIndex, proposals: result.allProposals });
  if (action === "reject") {
    return { newState: state, actionTaken: action, consumed: [] };
  }
  if (content.content.commit.path !== void 0) {
    const committerLeafIndex = senderLeafIndex ?? (result.additionalResult.kind === "externalCommit" ? result.additionalResult.newMemberLeafIndex : void 0);
    if (committerLeafIndex === void 0)
      throw new ValidationError("Cannot verify commit leaf node because no commiter leaf index found");
    throwIfDefined(await validateLeafNodeUpdateOrCommit(content.content.commit.path.leafNode, committerLeafIndex, state.groupContext, state.clientConfig.authService, cs.signature));
    throwIfDefined(await validateLeafNodeCredentialAndKeyUniqueness(result.tree, content.content.commit.path.leafNode, committerLeafIndex));
  }
  if (result.needsUpdatePath && content.content.commit.path === void 0)
    throw new ValidationError("Update path is required");
  if (result.selfRemoved) {
    return {
      newState: {
        ...state,
        ratchetTree: result.tree,
        unappliedProposals: {},
        groupActiveState: { kind: "removedFromGroup" }
      },
      actionTaken: action,
      consumed: []
    };
  }
  const groupContextWithExtensions = result.additionalResult.kind === "memberCommit" && result.additionalResult.extensions.length > 0 ? { ...state.groupContext, extensions: result.additionalResult.extensions } : state.groupContext;
  const [pkp, commitSecret, tree] = await applyTreeUpdate(content.content.commit.path, content.content.sender, result.tree, cs, state, groupContextWithExtensions, result.additionalResult.kind === "memberCommit" ? result.additionalResult.addedLeafNodes.map((l) => leafToNodeIndex(toLeafIndex(l[0]))) : [findBlankLeafNodeIndex(result.tree) ?? toNodeIndex(result.tree.length + 1)], cs.kdf);
  const newTreeHash = await treeHashRoot(tree, cs.hash);
  if (content.auth.contentType !== "commit")
    throw new ValidationError("Received content as commit, but not auth");
  const updatedGroupContext = await nextEpochContext(groupContextWithExtensions, wireformat, content.content, content.auth.signature, newTreeHash, state.confirmationTag, cs.hash);
  const initSecret = result.additionalResult.kind === "externalCommit" ? result.additionalResult.externalInitSecret : state.keySchedule.initSecret;
  const epochSecrets = await initializeEpoch(initSecret, commitSecret, updatedGroupContext, result.pskSecret, cs.kdf);
  const confirmationTagValid = await verifyConfirmationTag(epochSecrets.keySchedule.confirmationKey, content.auth.confirmationTag, updatedGroupContext.confirmedTranscriptHash, cs.hash);
  if (!confirmationTagValid)
    throw new CryptoVerificationError("Could not verify confirmation tag");
  const secretTree = await createSecretTree(leafWidth(tree.length), epochSecrets.encryptionSecret, cs.kdf);
  const suspendedPendingReinit = result.additionalResult.kind === "reinit" ? result.additionalResult.reinit : void 0;
  const groupActiveState = result.selfRemoved ? { kind: "removedFromGroup" } : suspendedPendingReinit !== void 0 ? { kind: "suspendedPendingReinit", reinit: suspendedPendingReinit } : { kind: "active" };
  const [historicalReceiverData, consumedEpochData] = addHistoricalReceiverData(state);
  zeroOutUint8Array(commitSecret);
  zeroOutUint8Array(epochSecrets.joinerSecret);
  zeroOutUint8Array(epochSecrets.encryptionSecret);
  const consumed = [...consumedEpochData, initSecret];
  return {
    newState: {
      ...state,
      secretTree,
      ratchetTree: tree,
      privatePath: pkp,
      groupContext: updatedGroupContext,
      keySchedule: epochSecrets.keySchedule,
      confirmationTag: content.auth.confirmationTag,
      historicalReceiverData,
      unappliedProposals: {},
      groupActiveState
    },
    actionTaken: action,
    consumed
  };
}
async function applyTreeUpdate(path, sender, tree, cs, state, groupContext, excludeNodes, kdf) {
  if (path === void 0)
    return [state.privatePath, new Uint8Array(kdf.size), tree];
  if (sender.senderType === "member") {
    const updatedTree = await applyUpdatePath(tree, toLeafIndex(sender.leafIndex), path, cs.hash);
    const [pkp, commitSecret] = await updatePrivateKeyPath(updatedTree, state, toLeafIndex(sender.leafIndex), { ...groupContext, treeHash: await treeHashRoot(updatedTree, cs.hash), epoch: groupContext.epoch + 1n }, path, excludeNodes, cs);
    return [pkp, commitSecret, updatedTree];
  } else {
    const [treeWithLeafNode, leafNodeIndex] = addLeafNode(tree, path.leafNode);
    const senderLeafIndex = nodeToLeafIndex(leafNodeIndex);
    const updatedTree = await applyUpdatePath(treeWithLeafNode, senderLeafIndex, path, cs.hash, true);
    const [pkp, commitSecret] = await updatePrivateKeyPath(updatedTree, state, senderLeafIndex, { ...groupContext, treeHash: await treeHashRoot(updatedTree, cs.hash), epoch: groupContext.epoch + 1n }, path, excludeNodes, cs);
    return [pkp, commitSecret, updatedTree];
  }
}
async function updatePrivateKeyPath(tree, state, leafNodeIndex, groupContext, path, excludeNodes, cs) {
  const secret = await applyUpdatePathSecret(tree, state.privatePath, leafNodeIndex, groupContext, path, excludeNodes, cs);
  const pathSecrets = await pathToRoot(tree, toNodeIndex(secret.nodeIndex), secret.pathSecret, cs.kdf);
  const newPkp = mergePrivateKeyPaths(state.privatePath, await toPrivateKeyPath(pathSecrets, state.privatePath.leafIndex, cs));
  const rootIndex = root(leafWidth(tree.length));
  const rootSecret = pathSecrets[rootIndex];
  if (rootSecret === void 0)
    throw new InternalError("Could not find secret for root");
  const commitSecret = await deriveSecret(rootSecret, "path", cs.kdf);
  return [newPkp, commitSecret];
}
async function processMessage(message, state, pskIndex, action, cs) {
  if (message.wireformat === "mls_public_message") {
    const result = await processPublicMessage(state, message.publicMessage, pskIndex, cs, action);
    return { ...result, kind: "newState" };
  } else
    return processPrivateMessage(state, message.privateMessage, emptyPskIndex, cs, action);
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeHashImpl.js
function makeHashImpl(sc, h) {
  return {
    async digest(data) {
      const result = await sc.digest(h, toBufferSource(data));
      return new Uint8Array(result);
    },
    async mac(key, data) {
      const result = await sc.sign("HMAC", await importMacKey(key, h), toBufferSource(data));
      return new Uint8Array(result);
    },
    async verifyMac(key, mac, data) {
      return sc.verify("HMAC", await importMacKey(key, h), toBufferSource(mac), toBufferSource(data));
    }
  };
}
function importMacKey(rawKey, h) {
  return crypto.subtle.importKey("raw", toBufferSource(rawKey), {
    name: "HMAC",
    hash: { name: h }
  }, false, ["sign", "verify"]);
}

// node_modules/@hpke/common/esm/src/errors.js
var HpkeError = class extends Error {
  constructor(e) {
    let message;
    if (e instanceof Error) {
      message = e.message;
    } else if (typeof e === "string") {
      message = e;
    } else {
      message = "";
    }
    super(message);
    this.name = this.constructor.name;
  }
};
var InvalidParamError = class extends HpkeError {
};
var SerializeError = class extends HpkeError {
};
var DeserializeError = class extends HpkeError {
};
var EncapError = class extends HpkeError {
};
var DecapError = class extends HpkeError {
};
var ExportError = class extends HpkeError {
};
var SealError = class extends HpkeError {
};
var OpenError = class extends HpkeError {
};
var MessageLimitReachedError = class extends HpkeError {
};
var DeriveKeyPairError = class extends HpkeError {
};
var NotSupportedError = class extends HpkeError {
};

// node_modules/@hpke/common/esm/_dnt.shims.js
var dntGlobals = {};
var dntGlobalThis = createMergeProxy(globalThis, dntGlobals);
function createMergeProxy(baseObj, extObj) {
  return new Proxy(baseObj, {
    get(_target, prop, _receiver) {
      if (prop in extObj) {
        return extObj[prop];
      } else {
        return baseObj[prop];
      }
    },
    set(_target, prop, value) {
      if (prop in extObj) {
        delete extObj[prop];
      }
      baseObj[prop] = value;
      return true;
    },
    deleteProperty(_target, prop) {
      let success = false;
      if (prop in extObj) {
        delete extObj[prop];
        success = true;
      }
      if (prop in baseObj) {
        delete baseObj[prop];
        success = true;
      }
      return success;
    },
    ownKeys(_target) {
      const baseKeys = Reflect.ownKeys(baseObj);
      const extKeys = Reflect.ownKeys(extObj);
      const extKeysSet = new Set(extKeys);
      return [...baseKeys.filter((k) => !extKeysSet.has(k)), ...extKeys];
    },
    defineProperty(_target, prop, desc) {
      if (prop in extObj) {
        delete extObj[prop];
      }
      Reflect.defineProperty(baseObj, prop, desc);
      return true;
    },
    getOwnPropertyDescriptor(_target, prop) {
      if (prop in extObj) {
        return Reflect.getOwnPropertyDescriptor(extObj, prop);
      } else {
        return Reflect.getOwnPropertyDescriptor(baseObj, prop);
      }
    },
    has(_target, prop) {
      return prop in extObj || prop in baseObj;
    }
  });
}

// node_modules/@hpke/common/esm/src/algorithm.js
async function loadSubtleCrypto() {
  if (dntGlobalThis !== void 0 && globalThis.crypto !== void 0) {
    return globalThis.crypto.subtle;
  }
  try {
    const { webcrypto } = await import("crypto");
    return webcrypto.subtle;
  } catch (e) {
    throw new NotSupportedError(e);
  }
}
var NativeAlgorithm = class {
  constructor() {
    Object.defineProperty(this, "_api", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
  }
  async _setup() {
    if (this._api !== void 0) {
      return;
    }
    this._api = await loadSubtleCrypto();
  }
};

// node_modules/@hpke/common/esm/src/identifiers.js
var Mode = {
  Base: 0,
  Psk: 1,
  Auth: 2,
  AuthPsk: 3
};
var KemId = {
  NotAssigned: 0,
  DhkemP256HkdfSha256: 16,
  DhkemP384HkdfSha384: 17,
  DhkemP521HkdfSha512: 18,
  DhkemSecp256k1HkdfSha256: 19,
  DhkemX25519HkdfSha256: 32,
  DhkemX448HkdfSha512: 33,
  HybridkemX25519Kyber768: 48,
  MlKem512: 64,
  MlKem768: 65,
  MlKem1024: 66,
  XWing: 25722
};
var KdfId = {
  HkdfSha256: 1,
  HkdfSha384: 2,
  HkdfSha512: 3,
  Sha3256: 4,
  Sha3384: 5,
  Sha3512: 6,
  Shake128: 16,
  Shake256: 17,
  TurboShake128: 18,
  TurboShake256: 19
};
var AeadId = {
  Aes128Gcm: 1,
  Aes256Gcm: 2,
  Chacha20Poly1305: 3,
  ExportOnly: 65535
};

// node_modules/@hpke/common/esm/src/consts.js
var INPUT_LENGTH_LIMIT = 8192;
var INFO_LENGTH_LIMIT = 268435456;
var MINIMUM_PSK_LENGTH = 32;
var EMPTY = /* @__PURE__ */ new Uint8Array(0);
var BYTE_TO_BIGINT_256 = /* @__PURE__ */ (() => {
  const out = new Array(256);
  let i = 0;
  let value = 0n;
  while (i < 256) {
    out[i] = value;
    i++;
    value += 1n;
  }
  return out;
})();

// node_modules/@hpke/common/esm/src/interfaces/kemInterface.js
var SUITE_ID_HEADER_KEM = /* @__PURE__ */ new Uint8Array([
  75,
  69,
  77,
  0,
  0
]);

// node_modules/@hpke/common/esm/src/kdfs/hkdf.js
var HPKE_VERSION = /* @__PURE__ */ new Uint8Array([
  72,
  80,
  75,
  69,
  45,
  118,
  49
]);
function toUint8Array(input) {
  return new Uint8Array(toArrayBuffer(input));
}
function toArrayBuffer(input) {
  if (input instanceof ArrayBuffer) {
    return input;
  }
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice().buffer;
  }
  return new Uint8Array(input).slice().buffer;
}
var HkdfNative = class extends NativeAlgorithm {
  constructor() {
    super();
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KdfId.HkdfSha256
    });
    Object.defineProperty(this, "hashSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 0
    });
    Object.defineProperty(this, "_suiteId", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: EMPTY
    });
    Object.defineProperty(this, "algHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: {
        name: "HMAC",
        hash: "SHA-256",
        length: 256
      }
    });
  }
  init(suiteId) {
    this._suiteId = suiteId;
  }
  buildLabeledIkm(label, ikm) {
    this._checkInit();
    const ret = new Uint8Array(7 + this._suiteId.byteLength + label.byteLength + ikm.byteLength);
    ret.set(HPKE_VERSION, 0);
    ret.set(this._suiteId, 7);
    ret.set(label, 7 + this._suiteId.byteLength);
    ret.set(ikm, 7 + this._suiteId.byteLength + label.byteLength);
    return ret;
  }
  buildLabeledInfo(label, info, len) {
    this._checkInit();
    const ret = new Uint8Array(9 + this._suiteId.byteLength + label.byteLength + info.byteLength);
    ret.set(new Uint8Array([0, len]), 0);
    ret.set(HPKE_VERSION, 2);
    ret.set(this._suiteId, 9);
    ret.set(label, 9 + this._suiteId.byteLength);
    ret.set(info, 9 + this._suiteId.byteLength + label.byteLength);
    return ret;
  }
  async extract(salt, ikm) {
    await this._setup();
    const saltBuf = salt.byteLength === 0 ? new ArrayBuffer(this.hashSize) : toArrayBuffer(salt);
    if (saltBuf.byteLength !== this.hashSize) {
      throw new InvalidParamError("The salt length must be the same as the hashSize");
    }
    const ikmBuf = toArrayBuffer(ikm);
    const key = await this._api.importKey("raw", saltBuf, this.algHash, false, [
      "sign"
    ]);
    return await this._api.sign("HMAC", key, ikmBuf);
  }
  async expand(prk, info, len) {
    await this._setup();
    const prkBuf = toArrayBuffer(prk);
    const key = await this._api.importKey("raw", prkBuf, this.algHash, false, [
      "sign"
    ]);
    const okm = new ArrayBuffer(len);
    const okmBytes = new Uint8Array(okm);
    let prev = EMPTY;
    const mid = toUint8Array(info);
    const tail = new Uint8Array(1);
    if (len > 255 * this.hashSize) {
      throw new Error("Entropy limit reached");
    }
    const tmp = new Uint8Array(this.hashSize + mid.length + 1);
    for (let i = 1, cur = 0; cur < okmBytes.length; i++) {
      tail[0] = i;
      tmp.set(prev, 0);
      tmp.set(mid, prev.length);
      tmp.set(tail, prev.length + mid.length);
      prev = new Uint8Array(await this._api.sign("HMAC", key, tmp.slice(0, prev.length + mid.length + 1)));
      if (okmBytes.length - cur >= prev.length) {
        okmBytes.set(prev, cur);
        cur += prev.length;
      } else {
        okmBytes.set(prev.slice(0, okmBytes.length - cur), cur);
        cur += okmBytes.length - cur;
      }
    }
    return okm;
  }
  async extractAndExpand(salt, ikm, info, len) {
    await this._setup();
    const ikmBuf = toArrayBuffer(ikm);
    const baseKey = await this._api.importKey("raw", ikmBuf, "HKDF", false, ["deriveBits"]);
    return await this._api.deriveBits({
      name: "HKDF",
      hash: this.algHash.hash,
      salt: toArrayBuffer(salt),
      info: toArrayBuffer(info)
    }, baseKey, len * 8);
  }
  async labeledExtract(salt, label, ikm) {
    return await this.extract(salt, this.buildLabeledIkm(label, ikm));
  }
  async labeledExpand(prk, label, info, len) {
    return await this.expand(prk, this.buildLabeledInfo(label, info, len), len);
  }
  _checkInit() {
    if (this._suiteId === EMPTY) {
      throw new Error("Not initialized. Call init()");
    }
  }
};
var HkdfSha256Native = class extends HkdfNative {
  constructor() {
    super(...arguments);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KdfId.HkdfSha256
    });
    Object.defineProperty(this, "hashSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "algHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: {
        name: "HMAC",
        hash: "SHA-256",
        length: 256
      }
    });
  }
};
var HkdfSha384Native = class extends HkdfNative {
  constructor() {
    super(...arguments);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KdfId.HkdfSha384
    });
    Object.defineProperty(this, "hashSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 48
    });
    Object.defineProperty(this, "algHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: {
        name: "HMAC",
        hash: "SHA-384",
        length: 384
      }
    });
  }
};
var HkdfSha512Native = class extends HkdfNative {
  constructor() {
    super(...arguments);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KdfId.HkdfSha512
    });
    Object.defineProperty(this, "hashSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 64
    });
    Object.defineProperty(this, "algHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: {
        name: "HMAC",
        hash: "SHA-512",
        length: 512
      }
    });
  }
};

// node_modules/@hpke/common/esm/src/utils/misc.js
var isCryptoKeyPair = (x) => typeof x === "object" && x !== null && typeof x.privateKey === "object" && typeof x.publicKey === "object";
function i2Osp(n, w) {
  if (w <= 0) {
    throw new Error("i2Osp: too small size");
  }
  if (n >= 256 ** w) {
    throw new Error("i2Osp: too large integer");
  }
  const ret = new Uint8Array(w);
  for (let i = 0; i < w && n; i++) {
    ret[w - (i + 1)] = n % 256;
    n = Math.floor(n / 256);
  }
  return ret;
}
function concat(a, b) {
  const ret = new Uint8Array(a.length + b.length);
  ret.set(a, 0);
  ret.set(b, a.length);
  return ret;
}
function base64UrlToBytes(v) {
  const base64 = v.replace(/-/g, "+").replace(/_/g, "/");
  const byteString = atob(base64);
  const ret = new Uint8Array(byteString.length);
  for (let i = 0; i < byteString.length; i++) {
    ret[i] = byteString.charCodeAt(i);
  }
  return ret;
}
function xor(a, b) {
  if (a.byteLength !== b.byteLength) {
    throw new Error("xor: different length inputs");
  }
  const buf = new Uint8Array(a.byteLength);
  for (let i = 0; i < a.byteLength; i++) {
    buf[i] = a[i] ^ b[i];
  }
  return buf;
}

// node_modules/@hpke/common/esm/src/kems/dhkem.js
var LABEL_EAE_PRK = /* @__PURE__ */ new Uint8Array([
  101,
  97,
  101,
  95,
  112,
  114,
  107
]);
var LABEL_SHARED_SECRET = /* @__PURE__ */ new Uint8Array([
  115,
  104,
  97,
  114,
  101,
  100,
  95,
  115,
  101,
  99,
  114,
  101,
  116
]);
function concat3(a, b, c) {
  const ret = new Uint8Array(a.length + b.length + c.length);
  ret.set(a, 0);
  ret.set(b, a.length);
  ret.set(c, a.length + b.length);
  return ret;
}
var Dhkem = class {
  constructor(id, prim, kdf) {
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "secretSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 0
    });
    Object.defineProperty(this, "encSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 0
    });
    Object.defineProperty(this, "publicKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 0
    });
    Object.defineProperty(this, "privateKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 0
    });
    Object.defineProperty(this, "_prim", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_kdf", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this.id = id;
    this._prim = prim;
    this._kdf = kdf;
    const suiteId = new Uint8Array(SUITE_ID_HEADER_KEM);
    suiteId.set(i2Osp(this.id, 2), 3);
    this._kdf.init(suiteId);
  }
  async serializePublicKey(key) {
    return await this._prim.serializePublicKey(key);
  }
  async deserializePublicKey(key) {
    return await this._prim.deserializePublicKey(toArrayBuffer(key));
  }
  async serializePrivateKey(key) {
    return await this._prim.serializePrivateKey(key);
  }
  async deserializePrivateKey(key) {
    return await this._prim.deserializePrivateKey(toArrayBuffer(key));
  }
  async importKey(format, key, isPublic = true) {
    return await this._prim.importKey(format, key, isPublic);
  }
  async generateKeyPair() {
    return await this._prim.generateKeyPair();
  }
  async deriveKeyPair(ikm) {
    const rawIkm = toArrayBuffer(ikm);
    if (rawIkm.byteLength > INPUT_LENGTH_LIMIT) {
      throw new InvalidParamError("Too long ikm");
    }
    return await this._prim.deriveKeyPair(rawIkm);
  }
  async encap(params) {
    let ke;
    if (params.ekm === void 0) {
      ke = await this.generateKeyPair();
    } else if (isCryptoKeyPair(params.ekm)) {
      ke = params.ekm;
    } else {
      ke = await this.deriveKeyPair(params.ekm);
    }
    const enc = await this._prim.serializePublicKey(ke.publicKey);
    const pkrm = await this._prim.serializePublicKey(params.recipientPublicKey);
    try {
      let dh;
      if (params.senderKey === void 0) {
        dh = new Uint8Array(await this._prim.dh(ke.privateKey, params.recipientPublicKey));
      } else {
        const sks = isCryptoKeyPair(params.senderKey) ? params.senderKey.privateKey : params.senderKey;
        const dh1 = new Uint8Array(await this._prim.dh(ke.privateKey, params.recipientPublicKey));
        const dh2 = new Uint8Array(await this._prim.dh(sks, params.recipientPublicKey));
        dh = concat(dh1, dh2);
      }
      let kemContext;
      if (params.senderKey === void 0) {
        kemContext = concat(new Uint8Array(enc), new Uint8Array(pkrm));
      } else {
        const pks = isCryptoKeyPair(params.senderKey) ? params.senderKey.publicKey : await this._prim.derivePublicKey(params.senderKey);
        const pksm = await this._prim.serializePublicKey(pks);
        kemContext = concat3(new Uint8Array(enc), new Uint8Array(pkrm), new Uint8Array(pksm));
      }
      const sharedSecret = await this._generateSharedSecret(dh, kemContext);
      return {
        enc,
        sharedSecret
      };
    } catch (e) {
      throw new EncapError(e);
    }
  }
  async decap(params) {
    const enc = toArrayBuffer(params.enc);
    const pke = await this._prim.deserializePublicKey(enc);
    const skr = isCryptoKeyPair(params.recipientKey) ? params.recipientKey.privateKey : params.recipientKey;
    const pkr = isCryptoKeyPair(params.recipientKey) ? params.recipientKey.publicKey : await this._prim.derivePublicKey(params.recipientKey);
    const pkrm = await this._prim.serializePublicKey(pkr);
    try {
      let dh;
      if (params.senderPublicKey === void 0) {
        dh = new Uint8Array(await this._prim.dh(skr, pke));
      } else {
        const dh1 = new Uint8Array(await this._prim.dh(skr, pke));
        const dh2 = new Uint8Array(await this._prim.dh(skr, params.senderPublicKey));
        dh = concat(dh1, dh2);
      }
      let kemContext;
      if (params.senderPublicKey === void 0) {
        kemContext = concat(new Uint8Array(enc), new Uint8Array(pkrm));
      } else {
        const pksm = await this._prim.serializePublicKey(params.senderPublicKey);
        kemContext = new Uint8Array(enc.byteLength + pkrm.byteLength + pksm.byteLength);
        kemContext.set(new Uint8Array(enc), 0);
        kemContext.set(new Uint8Array(pkrm), enc.byteLength);
        kemContext.set(new Uint8Array(pksm), enc.byteLength + pkrm.byteLength);
      }
      return await this._generateSharedSecret(dh, kemContext);
    } catch (e) {
      throw new DecapError(e);
    }
  }
  async _generateSharedSecret(dh, kemContext) {
    const labeledIkm = this._kdf.buildLabeledIkm(LABEL_EAE_PRK, dh);
    const labeledInfo = this._kdf.buildLabeledInfo(LABEL_SHARED_SECRET, kemContext, this.secretSize);
    return await this._kdf.extractAndExpand(EMPTY, labeledIkm, labeledInfo, this.secretSize);
  }
};

// node_modules/@hpke/common/esm/src/interfaces/dhkemPrimitives.js
var KEM_USAGES = ["deriveBits"];
var LABEL_DKP_PRK = /* @__PURE__ */ new Uint8Array([
  100,
  107,
  112,
  95,
  112,
  114,
  107
]);
var LABEL_SK = /* @__PURE__ */ new Uint8Array([115, 107]);

// node_modules/@hpke/common/esm/src/utils/bignum.js
var Bignum = class {
  constructor(size) {
    Object.defineProperty(this, "_num", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this._num = new Uint8Array(size);
  }
  val() {
    return this._num;
  }
  reset() {
    this._num.fill(0);
  }
  set(src) {
    if (src.length !== this._num.length) {
      throw new Error("Bignum.set: invalid argument");
    }
    this._num.set(src);
  }
  isZero() {
    for (let i = 0; i < this._num.length; i++) {
      if (this._num[i] !== 0) {
        return false;
      }
    }
    return true;
  }
  lessThan(v) {
    if (v.length !== this._num.length) {
      throw new Error("Bignum.lessThan: invalid argument");
    }
    for (let i = 0; i < this._num.length; i++) {
      if (this._num[i] < v[i]) {
        return true;
      }
      if (this._num[i] > v[i]) {
        return false;
      }
    }
    return false;
  }
};

// node_modules/@hpke/common/esm/src/kems/dhkemPrimitives/ec.js
var LABEL_CANDIDATE = /* @__PURE__ */ new Uint8Array([
  99,
  97,
  110,
  100,
  105,
  100,
  97,
  116,
  101
]);
var ORDER_P_256 = /* @__PURE__ */ new Uint8Array([
  255,
  255,
  255,
  255,
  0,
  0,
  0,
  0,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  188,
  230,
  250,
  173,
  167,
  23,
  158,
  132,
  243,
  185,
  202,
  194,
  252,
  99,
  37,
  81
]);
var ORDER_P_384 = /* @__PURE__ */ new Uint8Array([
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  199,
  99,
  77,
  129,
  244,
  55,
  45,
  223,
  88,
  26,
  13,
  178,
  72,
  176,
  167,
  122,
  236,
  236,
  25,
  106,
  204,
  197,
  41,
  115
]);
var ORDER_P_521 = /* @__PURE__ */ new Uint8Array([
  1,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  255,
  250,
  81,
  134,
  135,
  131,
  191,
  47,
  150,
  107,
  127,
  204,
  1,
  72,
  247,
  9,
  165,
  208,
  59,
  181,
  201,
  184,
  137,
  156,
  71,
  174,
  187,
  111,
  183,
  30,
  145,
  56,
  100,
  9
]);
var PKCS8_ALG_ID_P_256 = /* @__PURE__ */ new Uint8Array([
  48,
  65,
  2,
  1,
  0,
  48,
  19,
  6,
  7,
  42,
  134,
  72,
  206,
  61,
  2,
  1,
  6,
  8,
  42,
  134,
  72,
  206,
  61,
  3,
  1,
  7,
  4,
  39,
  48,
  37,
  2,
  1,
  1,
  4,
  32
]);
var PKCS8_ALG_ID_P_384 = /* @__PURE__ */ new Uint8Array([
  48,
  78,
  2,
  1,
  0,
  48,
  16,
  6,
  7,
  42,
  134,
  72,
  206,
  61,
  2,
  1,
  6,
  5,
  43,
  129,
  4,
  0,
  34,
  4,
  55,
  48,
  53,
  2,
  1,
  1,
  4,
  48
]);
var PKCS8_ALG_ID_P_521 = /* @__PURE__ */ new Uint8Array([
  48,
  96,
  2,
  1,
  0,
  48,
  16,
  6,
  7,
  42,
  134,
  72,
  206,
  61,
  2,
  1,
  6,
  5,
  43,
  129,
  4,
  0,
  35,
  4,
  73,
  48,
  71,
  2,
  1,
  1,
  4,
  66
]);
var EC_P_256_PARAMS = {
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  coordinateSize: 32
};
var EC_P_384_PARAMS = {
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
  b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
  gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  coordinateSize: 48
};
var EC_P_521_PARAMS = {
  p: (1n << 521n) - 1n,
  b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
  gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
  coordinateSize: 66
};
function mod(a, p) {
  const r = a % p;
  return r >= 0n ? r : r + p;
}
function modPow(base, exponent, p) {
  let result = 1n;
  let b = mod(base, p);
  let e = exponent;
  while (e > 0n) {
    if ((e & 1n) === 1n) {
      result = mod(result * b, p);
    }
    b = mod(b * b, p);
    e >>= 1n;
  }
  return result;
}
function modSqrt(rhs, p) {
  const y = modPow(rhs, p + 1n >> 2n, p);
  if (mod(y * y, p) !== mod(rhs, p)) {
    throw new Error("Invalid ECDH point");
  }
  return y;
}
function bytesToBigInt(bytes) {
  let v = 0n;
  for (const b of bytes) {
    v = v << 8n | BYTE_TO_BIGINT_256[b];
  }
  return v;
}
function bigIntToBytes(v, len) {
  const out = new Uint8Array(len);
  let n = v;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  if (n !== 0n) {
    throw new Error("Invalid coordinate length");
  }
  return out;
}
function buildRawUncompressedPublicKey(x, y, coordinateSize) {
  const out = new Uint8Array(1 + coordinateSize * 2);
  out[0] = 4;
  out.set(bigIntToBytes(x, coordinateSize), 1);
  out.set(bigIntToBytes(y, coordinateSize), 1 + coordinateSize);
  return out;
}
var Ec = class extends NativeAlgorithm {
  constructor(kem, hkdf2) {
    super();
    Object.defineProperty(this, "_hkdf", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_alg", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nPk", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nSk", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nDh", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_order", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_bitmask", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_pkcs8AlgId", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_curveParams", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this._hkdf = hkdf2;
    switch (kem) {
      case KemId.DhkemP256HkdfSha256:
        this._alg = { name: "ECDH", namedCurve: "P-256" };
        this._nPk = 65;
        this._nSk = 32;
        this._nDh = 32;
        this._order = ORDER_P_256;
        this._bitmask = 255;
        this._pkcs8AlgId = PKCS8_ALG_ID_P_256;
        this._curveParams = EC_P_256_PARAMS;
        break;
      case KemId.DhkemP384HkdfSha384:
        this._alg = { name: "ECDH", namedCurve: "P-384" };
        this._nPk = 97;
        this._nSk = 48;
        this._nDh = 48;
        this._order = ORDER_P_384;
        this._bitmask = 255;
        this._pkcs8AlgId = PKCS8_ALG_ID_P_384;
        this._curveParams = EC_P_384_PARAMS;
        break;
      default:
        this._alg = { name: "ECDH", namedCurve: "P-521" };
        this._nPk = 133;
        this._nSk = 66;
        this._nDh = 66;
        this._order = ORDER_P_521;
        this._bitmask = 1;
        this._pkcs8AlgId = PKCS8_ALG_ID_P_521;
        this._curveParams = EC_P_521_PARAMS;
        break;
    }
  }
  async serializePublicKey(key) {
    await this._setup();
    try {
      return await this._api.exportKey("raw", key);
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async deserializePublicKey(key) {
    await this._setup();
    try {
      return await this._importRawKey(toArrayBuffer(key), true);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async serializePrivateKey(key) {
    await this._setup();
    try {
      const jwk = await this._api.exportKey("jwk", key);
      if (!("d" in jwk)) {
        throw new Error("Not private key");
      }
      return base64UrlToBytes(jwk["d"]).buffer;
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async deserializePrivateKey(key) {
    await this._setup();
    try {
      return await this._importRawKey(toArrayBuffer(key), false);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async importKey(format, key, isPublic) {
    await this._setup();
    try {
      if (format === "raw") {
        return await this._importRawKey(key, isPublic);
      }
      if (key instanceof ArrayBuffer) {
        throw new Error("Invalid jwk key format");
      }
      return await this._importJWK(key, isPublic);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async generateKeyPair() {
    await this._setup();
    try {
      return await this._api.generateKey(this._alg, true, KEM_USAGES);
    } catch (e) {
      throw new NotSupportedError(e);
    }
  }
  async deriveKeyPair(ikm) {
    await this._setup();
    try {
      const rawIkm = toArrayBuffer(ikm);
      const dkpPrk = await this._hkdf.labeledExtract(EMPTY, LABEL_DKP_PRK, new Uint8Array(rawIkm));
      const bn = new Bignum(this._nSk);
      for (let counter = 0; bn.isZero() || !bn.lessThan(this._order); counter++) {
        if (counter > 255) {
          throw new Error("Faild to derive a key pair");
        }
        const bytes = new Uint8Array(await this._hkdf.labeledExpand(dkpPrk, LABEL_CANDIDATE, i2Osp(counter, 1), this._nSk));
        bytes[0] = bytes[0] & this._bitmask;
        bn.set(bytes);
      }
      const sk = await this._deserializePkcs8Key(bn.val());
      bn.reset();
      return {
        privateKey: sk,
        publicKey: await this.derivePublicKey(sk)
      };
    } catch (e) {
      throw new DeriveKeyPairError(e);
    }
  }
  async derivePublicKey(key) {
    await this._setup();
    try {
      const jwk = await this._api.exportKey("jwk", key);
      delete jwk["d"];
      delete jwk["key_ops"];
      return await this._api.importKey("jwk", jwk, this._alg, true, []);
    } catch {
      try {
        return await this._derivePublicKeyWithoutJwkExport(key);
      } catch (e) {
        throw new DeserializeError(e);
      }
    }
  }
  async dh(sk, pk) {
    try {
      await this._setup();
      const bits = await this._api.deriveBits({
        name: "ECDH",
        public: pk
      }, sk, this._nDh * 8);
      return bits;
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async _importRawKey(key, isPublic) {
    if (isPublic && key.byteLength !== this._nPk) {
      throw new Error("Invalid public key for the ciphersuite");
    }
    if (!isPublic && key.byteLength !== this._nSk) {
      throw new Error("Invalid private key for the ciphersuite");
    }
    if (isPublic) {
      return await this._api.importKey("raw", key, this._alg, true, []);
    }
    return await this._deserializePkcs8Key(new Uint8Array(key));
  }
  async _importJWK(key, isPublic) {
    if (typeof key.crv === "undefined" || key.crv !== this._alg.namedCurve) {
      throw new Error(`Invalid crv: ${key.crv}`);
    }
    if (isPublic) {
      if (typeof key.d !== "undefined") {
        throw new Error("Invalid key: `d` should not be set");
      }
      return await this._api.importKey("jwk", key, this._alg, true, []);
    }
    if (typeof key.d === "undefined") {
      throw new Error("Invalid key: `d` not found");
    }
    return await this._api.importKey("jwk", key, this._alg, true, KEM_USAGES);
  }
  async _deserializePkcs8Key(k) {
    const pkcs8Key = new Uint8Array(this._pkcs8AlgId.length + k.length);
    pkcs8Key.set(this._pkcs8AlgId, 0);
    pkcs8Key.set(k, this._pkcs8AlgId.length);
    return await this._api.importKey("pkcs8", pkcs8Key, this._alg, true, KEM_USAGES);
  }
  async _derivePublicKeyWithoutJwkExport(key) {
    const basePointRaw = buildRawUncompressedPublicKey(this._curveParams.gx, this._curveParams.gy, this._curveParams.coordinateSize);
    const basePoint = await this._api.importKey("raw", basePointRaw.buffer, this._alg, true, []);
    const xBytes = new Uint8Array(await this._api.deriveBits({
      name: "ECDH",
      public: basePoint
    }, key, this._nDh * 8));
    const p = this._curveParams.p;
    const x = bytesToBigInt(xBytes);
    const rhs = mod(modPow(x, 3n, p) - 3n * x + this._curveParams.b, p);
    let y = modSqrt(rhs, p);
    if ((y & 1n) === 1n) {
      y = p - y;
    }
    const pubRaw = buildRawUncompressedPublicKey(x, y, this._curveParams.coordinateSize);
    return await this._api.importKey("raw", pubRaw.buffer, this._alg, true, []);
  }
};

// node_modules/@hpke/common/esm/src/interfaces/aeadEncryptionContext.js
var AEAD_USAGES = ["encrypt", "decrypt"];

// node_modules/@hpke/common/esm/src/utils/noble.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function anumber(n, title = "") {
  if (!Number.isSafeInteger(n) || n < 0) {
    const prefix = title && `"${title}" `;
    throw new Error(`${prefix}expected integer >0, got ${n}`);
  }
}
function abytes(value, length, title = "") {
  const bytes = isBytes(value);
  const len = value?.length;
  const needsLen = length !== void 0;
  if (!bytes || needsLen && len !== length) {
    const prefix = title && `"${title}" `;
    const ofLen = needsLen ? ` of length ${length}` : "";
    const got = bytes ? `length=${len}` : `type=${typeof value}`;
    throw new Error(prefix + "expected Uint8Array" + ofLen + ", got " + got);
  }
  return value;
}
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished) {
    throw new Error("Hash#digest() has already been called");
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
var _endianTestBuffer = /* @__PURE__ */ new Uint32Array([287454020]);
var _endianTestBytes = /* @__PURE__ */ new Uint8Array(_endianTestBuffer.buffer);
var isLE = _endianTestBytes[0] === 68;

// node_modules/@hpke/common/esm/src/hash/hash.js
function ahash(h) {
  if (typeof h !== "function" || typeof h.create !== "function") {
    throw new Error("Hash must wrapped by utils.createHasher");
  }
  anumber(h.outputLen);
  anumber(h.blockLen);
}

// node_modules/@hpke/common/esm/src/hash/hmac.js
var _HMAC = class {
  constructor(hash, key) {
    Object.defineProperty(this, "oHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "iHash", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "blockLen", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "outputLen", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "finished", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: false
    });
    Object.defineProperty(this, "destroyed", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: false
    });
    ahash(hash);
    abytes(key, void 0, "key");
    this.iHash = hash.create();
    if (typeof this.iHash.update !== "function") {
      throw new Error("Expected instance of class which extends utils.Hash");
    }
    this.blockLen = this.iHash.blockLen;
    this.outputLen = this.iHash.outputLen;
    const blockLen = this.blockLen;
    const pad = new Uint8Array(blockLen);
    pad.set(key.length > blockLen ? hash.create().update(key).digest() : key);
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54;
    this.iHash.update(pad);
    this.oHash = hash.create();
    for (let i = 0; i < pad.length; i++)
      pad[i] ^= 54 ^ 92;
    this.oHash.update(pad);
    clean(pad);
  }
  update(buf) {
    aexists(this);
    this.iHash.update(buf);
    return this;
  }
  digestInto(out) {
    aexists(this);
    abytes(out, this.outputLen, "output");
    this.finished = true;
    this.iHash.digestInto(out);
    this.oHash.update(out);
    this.oHash.digestInto(out);
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.oHash.outputLen);
    this.digestInto(out);
    return out;
  }
  _cloneInto(to) {
    to ||= Object.create(Object.getPrototypeOf(this), {});
    const { oHash, iHash, finished: finished2, destroyed, blockLen, outputLen } = this;
    to = to;
    to.finished = finished2;
    to.destroyed = destroyed;
    to.blockLen = blockLen;
    to.outputLen = outputLen;
    to.oHash = oHash._cloneInto(to.oHash);
    to.iHash = iHash._cloneInto(to.iHash);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
  destroy() {
    this.destroyed = true;
    this.oHash.destroy();
    this.iHash.destroy();
  }
};
var hmac = (hash, key, message) => new _HMAC(hash, key).update(message).digest();
hmac.create = (hash, key) => new _HMAC(hash, key);

// node_modules/@hpke/common/esm/src/hash/u64.js
var U32_MASK64 = 0xffffffffn;
var _32n = 32n;
function fromBig(n, le = false) {
  if (le) {
    return { h: Number(n & U32_MASK64), l: Number(n >> _32n & U32_MASK64) };
  }
  return {
    h: Number(n >> _32n & U32_MASK64) | 0,
    l: Number(n & U32_MASK64) | 0
  };
}
function split(lst, le = false) {
  const len = lst.length;
  const Ah = new Uint32Array(len);
  const Al = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const { h, l } = fromBig(lst[i], le);
    [Ah[i], Al[i]] = [h, l];
  }
  return [Ah, Al];
}

// node_modules/@hpke/common/esm/src/hash/sha3.js
var _0n = 0n;
var _1n = 1n;
var _2n = 2n;
var _7n = 7n;
var _256n = 256n;
var _0x71n = 0x71n;
var SHA3_PI = [];
var SHA3_ROTL = [];
var _SHA3_IOTA = [];
for (let round = 0, R = _1n, x = 1, y = 0; round < 24; round++) {
  [x, y] = [y, (2 * x + 3 * y) % 5];
  SHA3_PI.push(2 * (5 * y + x));
  SHA3_ROTL.push((round + 1) * (round + 2) / 2 % 64);
  let t = _0n;
  for (let j = 0; j < 7; j++) {
    R = (R << _1n ^ (R >> _7n) * _0x71n) % _256n;
    if (R & _2n)
      t ^= _1n << (_1n << BigInt(j)) - _1n;
  }
  _SHA3_IOTA.push(t);
}
var IOTAS = split(_SHA3_IOTA, true);
var SHA3_IOTA_H = IOTAS[0];
var SHA3_IOTA_L = IOTAS[1];

// node_modules/@hpke/core/esm/src/aeads/aesGcm.js
var AesGcmContext = class extends NativeAlgorithm {
  constructor(key) {
    super();
    Object.defineProperty(this, "_rawKey", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_key", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this._rawKey = toArrayBuffer(key);
  }
  async seal(iv, data, aad) {
    await this._setupKey();
    const alg = {
      name: "AES-GCM",
      iv: toArrayBuffer(iv),
      additionalData: toArrayBuffer(aad)
    };
    const ct = await this._api.encrypt(alg, this._key, toArrayBuffer(data));
    return ct;
  }
  async open(iv, data, aad) {
    await this._setupKey();
    const alg = {
      name: "AES-GCM",
      iv: toArrayBuffer(iv),
      additionalData: toArrayBuffer(aad)
    };
    const pt = await this._api.decrypt(alg, this._key, toArrayBuffer(data));
    return pt;
  }
  async _setupKey() {
    if (this._key !== void 0) {
      return;
    }
    await this._setup();
    const key = await this._importKey(this._rawKey);
    new Uint8Array(this._rawKey).fill(0);
    this._key = key;
    return;
  }
  async _importKey(key) {
    return await this._api.importKey("raw", key, { name: "AES-GCM" }, true, AEAD_USAGES);
  }
};
var Aes128Gcm = class {
  constructor() {
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: AeadId.Aes128Gcm
    });
    Object.defineProperty(this, "keySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 16
    });
    Object.defineProperty(this, "nonceSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 12
    });
    Object.defineProperty(this, "tagSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 16
    });
  }
  createEncryptionContext(key) {
    return new AesGcmContext(key);
  }
};
var Aes256Gcm = class extends Aes128Gcm {
  constructor() {
    super(...arguments);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: AeadId.Aes256Gcm
    });
    Object.defineProperty(this, "keySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "nonceSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 12
    });
    Object.defineProperty(this, "tagSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 16
    });
  }
};

// node_modules/@hpke/core/esm/src/utils/emitNotSupported.js
function emitNotSupported() {
  return new Promise((_resolve, reject) => {
    reject(new NotSupportedError("Not supported"));
  });
}

// node_modules/@hpke/core/esm/src/exporterContext.js
var LABEL_SEC = new Uint8Array([115, 101, 99]);
var ExporterContextImpl = class {
  constructor(api, kdf, exporterSecret) {
    Object.defineProperty(this, "_api", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "exporterSecret", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_kdf", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this._api = api;
    this._kdf = kdf;
    this.exporterSecret = exporterSecret;
  }
  async seal(_data, _aad) {
    return await emitNotSupported();
  }
  async open(_data, _aad) {
    return await emitNotSupported();
  }
  async export(exporterContext, len) {
    const rawExporterContext = toArrayBuffer(exporterContext);
    if (rawExporterContext.byteLength > INPUT_LENGTH_LIMIT) {
      throw new InvalidParamError("Too long exporter context");
    }
    try {
      return await this._kdf.labeledExpand(this.exporterSecret, LABEL_SEC, new Uint8Array(rawExporterContext), len);
    } catch (e) {
      throw new ExportError(e);
    }
  }
};
var RecipientExporterContextImpl = class extends ExporterContextImpl {
};
var SenderExporterContextImpl = class extends ExporterContextImpl {
  constructor(api, kdf, exporterSecret, enc) {
    super(api, kdf, exporterSecret);
    Object.defineProperty(this, "enc", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this.enc = enc;
    return;
  }
};

// node_modules/@hpke/core/esm/src/encryptionContext.js
var EncryptionContextImpl = class extends ExporterContextImpl {
  constructor(api, kdf, params) {
    super(api, kdf, params.exporterSecret);
    Object.defineProperty(this, "_aead", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nK", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nN", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nT", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_ctx", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    if (params.key === void 0 || params.baseNonce === void 0 || params.seq === void 0) {
      throw new Error("Required parameters are missing");
    }
    this._aead = params.aead;
    this._nK = this._aead.keySize;
    this._nN = this._aead.nonceSize;
    this._nT = this._aead.tagSize;
    const key = this._aead.createEncryptionContext(params.key);
    this._ctx = {
      key,
      baseNonce: params.baseNonce,
      seq: params.seq
    };
  }
  computeNonce(k) {
    const seqBytes = i2Osp(k.seq, k.baseNonce.byteLength);
    return xor(k.baseNonce, seqBytes).buffer;
  }
  incrementSeq(k) {
    if (k.seq > Number.MAX_SAFE_INTEGER) {
      throw new MessageLimitReachedError("Message limit reached");
    }
    k.seq += 1;
    return;
  }
};

// node_modules/@hpke/core/esm/src/mutex.js
var __classPrivateFieldGet = function(receiver, state, kind, f) {
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
  return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
};
var __classPrivateFieldSet = function(receiver, state, value, kind, f) {
  if (kind === "m") throw new TypeError("Private method is not writable");
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
  return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
};
var _Mutex_locked;
var Mutex = class {
  constructor() {
    _Mutex_locked.set(this, Promise.resolve());
  }
  async lock() {
    let releaseLock;
    const nextLock = new Promise((resolve) => {
      releaseLock = resolve;
    });
    const previousLock = __classPrivateFieldGet(this, _Mutex_locked, "f");
    __classPrivateFieldSet(this, _Mutex_locked, nextLock, "f");
    await previousLock;
    return releaseLock;
  }
};
_Mutex_locked = /* @__PURE__ */ new WeakMap();

// node_modules/@hpke/core/esm/src/recipientContext.js
var __classPrivateFieldGet2 = function(receiver, state, kind, f) {
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
  return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
};
var __classPrivateFieldSet2 = function(receiver, state, value, kind, f) {
  if (kind === "m") throw new TypeError("Private method is not writable");
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
  return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
};
var _RecipientContextImpl_mutex;
var RecipientContextImpl = class extends EncryptionContextImpl {
  constructor() {
    super(...arguments);
    _RecipientContextImpl_mutex.set(this, void 0);
  }
  async open(data, aad = EMPTY.buffer) {
    __classPrivateFieldSet2(this, _RecipientContextImpl_mutex, __classPrivateFieldGet2(this, _RecipientContextImpl_mutex, "f") ?? new Mutex(), "f");
    const release = await __classPrivateFieldGet2(this, _RecipientContextImpl_mutex, "f").lock();
    let pt;
    try {
      pt = await this._ctx.key.open(this.computeNonce(this._ctx), toArrayBuffer(data), toArrayBuffer(aad));
    } catch (e) {
      throw new OpenError(e);
    } finally {
      release();
    }
    this.incrementSeq(this._ctx);
    return pt;
  }
};
_RecipientContextImpl_mutex = /* @__PURE__ */ new WeakMap();

// node_modules/@hpke/core/esm/src/senderContext.js
var __classPrivateFieldGet3 = function(receiver, state, kind, f) {
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
  return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
};
var __classPrivateFieldSet3 = function(receiver, state, value, kind, f) {
  if (kind === "m") throw new TypeError("Private method is not writable");
  if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
  if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
  return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
};
var _SenderContextImpl_mutex;
var SenderContextImpl = class extends EncryptionContextImpl {
  constructor(api, kdf, params, enc) {
    super(api, kdf, params);
    Object.defineProperty(this, "enc", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    _SenderContextImpl_mutex.set(this, void 0);
    this.enc = enc;
  }
  async seal(data, aad = EMPTY.buffer) {
    __classPrivateFieldSet3(this, _SenderContextImpl_mutex, __classPrivateFieldGet3(this, _SenderContextImpl_mutex, "f") ?? new Mutex(), "f");
    const release = await __classPrivateFieldGet3(this, _SenderContextImpl_mutex, "f").lock();
    let ct;
    try {
      ct = await this._ctx.key.seal(this.computeNonce(this._ctx), toArrayBuffer(data), toArrayBuffer(aad));
    } catch (e) {
      throw new SealError(e);
    } finally {
      release();
    }
    this.incrementSeq(this._ctx);
    return ct;
  }
};
_SenderContextImpl_mutex = /* @__PURE__ */ new WeakMap();

// node_modules/@hpke/core/esm/src/cipherSuiteNative.js
var LABEL_BASE_NONCE = new Uint8Array([
  98,
  97,
  115,
  101,
  95,
  110,
  111,
  110,
  99,
  101
]);
var LABEL_EXP = new Uint8Array([101, 120, 112]);
var LABEL_INFO_HASH = new Uint8Array([
  105,
  110,
  102,
  111,
  95,
  104,
  97,
  115,
  104
]);
var LABEL_KEY = new Uint8Array([107, 101, 121]);
var LABEL_PSK_ID_HASH = new Uint8Array([
  112,
  115,
  107,
  95,
  105,
  100,
  95,
  104,
  97,
  115,
  104
]);
var LABEL_SECRET = new Uint8Array([115, 101, 99, 114, 101, 116]);
var SUITE_ID_HEADER_HPKE = new Uint8Array([
  72,
  80,
  75,
  69,
  0,
  0,
  0,
  0,
  0,
  0
]);
var CipherSuiteNative = class extends NativeAlgorithm {
  /**
   * @param params A set of parameters for building a cipher suite.
   *
   * If the error occurred, throws {@link InvalidParamError}.
   *
   * @throws {@link InvalidParamError}
   */
  constructor(params) {
    super();
    Object.defineProperty(this, "_kem", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_kdf", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_aead", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_suiteId", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    if (typeof params.kem === "number") {
      throw new InvalidParamError("KemId cannot be used");
    }
    this._kem = params.kem;
    if (typeof params.kdf === "number") {
      throw new InvalidParamError("KdfId cannot be used");
    }
    this._kdf = params.kdf;
    if (typeof params.aead === "number") {
      throw new InvalidParamError("AeadId cannot be used");
    }
    this._aead = params.aead;
    this._suiteId = new Uint8Array(SUITE_ID_HEADER_HPKE);
    this._suiteId.set(i2Osp(this._kem.id, 2), 4);
    this._suiteId.set(i2Osp(this._kdf.id, 2), 6);
    this._suiteId.set(i2Osp(this._aead.id, 2), 8);
    this._kdf.init(this._suiteId);
  }
  /**
   * Gets the KEM context of the ciphersuite.
   */
  get kem() {
    return this._kem;
  }
  /**
   * Gets the KDF context of the ciphersuite.
   */
  get kdf() {
    return this._kdf;
  }
  /**
   * Gets the AEAD context of the ciphersuite.
   */
  get aead() {
    return this._aead;
  }
  /**
   * Creates an encryption context for a sender.
   *
   * If the error occurred, throws {@link DecapError} | {@link ValidationError}.
   *
   * @param params A set of parameters for the sender encryption context.
   * @returns A sender encryption context.
   * @throws {@link EncapError}, {@link ValidationError}
   */
  async createSenderContext(params) {
    this._validateInputLength(params);
    await this._setup();
    const dh = await this._kem.encap(params);
    let mode;
    if (params.psk !== void 0) {
      mode = params.senderKey !== void 0 ? Mode.AuthPsk : Mode.Psk;
    } else {
      mode = params.senderKey !== void 0 ? Mode.Auth : Mode.Base;
    }
    return await this._keyScheduleS(mode, dh.sharedSecret, dh.enc, params);
  }
  /**
   * Creates an encryption context for a recipient.
   *
   * If the error occurred, throws {@link DecapError}
   * | {@link DeserializeError} | {@link ValidationError}.
   *
   * @param params A set of parameters for the recipient encryption context.
   * @returns A recipient encryption context.
   * @throws {@link DecapError}, {@link DeserializeError}, {@link ValidationError}
   */
  async createRecipientContext(params) {
    this._validateInputLength(params);
    await this._setup();
    const sharedSecret = await this._kem.decap(params);
    let mode;
    if (params.psk !== void 0) {
      mode = params.senderPublicKey !== void 0 ? Mode.AuthPsk : Mode.Psk;
    } else {
      mode = params.senderPublicKey !== void 0 ? Mode.Auth : Mode.Base;
    }
    return await this._keyScheduleR(mode, sharedSecret, params);
  }
  /**
   * Encrypts a message to a recipient.
   *
   * If the error occurred, throws `EncapError` | `MessageLimitReachedError` | `SealError` | `ValidationError`.
   *
   * @param params A set of parameters for building a sender encryption context.
   * @param pt A plain text as bytes to be encrypted.
   * @param aad Additional authenticated data as bytes fed by an application.
   * @returns A cipher text and an encapsulated key as bytes.
   * @throws {@link EncapError}, {@link MessageLimitReachedError}, {@link SealError}, {@link ValidationError}
   */
  async seal(params, pt, aad = EMPTY.buffer) {
    const ctx = await this.createSenderContext(params);
    return {
      ct: await ctx.seal(pt, aad),
      enc: ctx.enc
    };
  }
  /**
   * Decrypts a message from a sender.
   *
   * If the error occurred, throws `DecapError` | `DeserializeError` | `OpenError` | `ValidationError`.
   *
   * @param params A set of parameters for building a recipient encryption context.
   * @param ct An encrypted text as bytes to be decrypted.
   * @param aad Additional authenticated data as bytes fed by an application.
   * @returns A decrypted plain text as bytes.
   * @throws {@link DecapError}, {@link DeserializeError}, {@link OpenError}, {@link ValidationError}
   */
  async open(params, ct, aad = EMPTY.buffer) {
    const ctx = await this.createRecipientContext(params);
    return await ctx.open(ct, aad);
  }
  // private verifyPskInputs(mode: Mode, params: KeyScheduleParams) {
  //   const gotPsk = (params.psk !== undefined);
  //   const gotPskId = (params.psk !== undefined && params.psk.id.byteLength > 0);
  //   if (gotPsk !== gotPskId) {
  //     throw new Error('Inconsistent PSK inputs');
  //   }
  //   if (gotPsk && (mode === Mode.Base || mode === Mode.Auth)) {
  //     throw new Error('PSK input provided when not needed');
  //   }
  //   if (!gotPsk && (mode === Mode.Psk || mode === Mode.AuthPsk)) {
  //     throw new Error('Missing required PSK input');
  //   }
  //   return;
  // }
  async _keySchedule(mode, sharedSecret, params) {
    const pskId = params.psk === void 0 ? EMPTY : toUint8Array(params.psk.id);
    const pskIdHash = await this._kdf.labeledExtract(EMPTY, LABEL_PSK_ID_HASH, pskId);
    const info = params.info === void 0 ? EMPTY : toUint8Array(params.info);
    const infoHash = await this._kdf.labeledExtract(EMPTY, LABEL_INFO_HASH, info);
    const keyScheduleContext = new Uint8Array(1 + pskIdHash.byteLength + infoHash.byteLength);
    keyScheduleContext.set(new Uint8Array([mode]), 0);
    keyScheduleContext.set(new Uint8Array(pskIdHash), 1);
    keyScheduleContext.set(new Uint8Array(infoHash), 1 + pskIdHash.byteLength);
    const psk = params.psk === void 0 ? EMPTY : toUint8Array(params.psk.key);
    const ikm = this._kdf.buildLabeledIkm(LABEL_SECRET, psk);
    const exporterSecretInfo = this._kdf.buildLabeledInfo(LABEL_EXP, keyScheduleContext, this._kdf.hashSize);
    const exporterSecret = await this._kdf.extractAndExpand(sharedSecret, ikm, exporterSecretInfo, this._kdf.hashSize);
    if (this._aead.id === AeadId.ExportOnly) {
      return { aead: this._aead, exporterSecret };
    }
    const keyInfo = this._kdf.buildLabeledInfo(LABEL_KEY, keyScheduleContext, this._aead.keySize);
    const key = await this._kdf.extractAndExpand(sharedSecret, ikm, keyInfo, this._aead.keySize);
    const baseNonceInfo = this._kdf.buildLabeledInfo(LABEL_BASE_NONCE, keyScheduleContext, this._aead.nonceSize);
    const baseNonce = await this._kdf.extractAndExpand(sharedSecret, ikm, baseNonceInfo, this._aead.nonceSize);
    return {
      aead: this._aead,
      exporterSecret,
      key,
      baseNonce: new Uint8Array(baseNonce),
      seq: 0
    };
  }
  async _keyScheduleS(mode, sharedSecret, enc, params) {
    const res = await this._keySchedule(mode, sharedSecret, params);
    if (res.key === void 0) {
      return new SenderExporterContextImpl(this._api, this._kdf, res.exporterSecret, enc);
    }
    return new SenderContextImpl(this._api, this._kdf, res, enc);
  }
  async _keyScheduleR(mode, sharedSecret, params) {
    const res = await this._keySchedule(mode, sharedSecret, params);
    if (res.key === void 0) {
      return new RecipientExporterContextImpl(this._api, this._kdf, res.exporterSecret);
    }
    return new RecipientContextImpl(this._api, this._kdf, res);
  }
  _validateInputLength(params) {
    if (params.info !== void 0 && params.info.byteLength > INFO_LENGTH_LIMIT) {
      throw new InvalidParamError("Too long info");
    }
    if (params.psk !== void 0) {
      if (params.psk.key.byteLength < MINIMUM_PSK_LENGTH) {
        throw new InvalidParamError(`PSK must have at least ${MINIMUM_PSK_LENGTH} bytes`);
      }
      if (params.psk.key.byteLength > INPUT_LENGTH_LIMIT) {
        throw new InvalidParamError("Too long psk.key");
      }
      if (params.psk.id.byteLength > INPUT_LENGTH_LIMIT) {
        throw new InvalidParamError("Too long psk.id");
      }
    }
    return;
  }
};

// node_modules/@hpke/core/esm/src/kems/dhkemNative.js
var DhkemP256HkdfSha256Native = class extends Dhkem {
  constructor() {
    const kdf = new HkdfSha256Native();
    const prim = new Ec(KemId.DhkemP256HkdfSha256, kdf);
    super(KemId.DhkemP256HkdfSha256, prim, kdf);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KemId.DhkemP256HkdfSha256
    });
    Object.defineProperty(this, "secretSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "encSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 65
    });
    Object.defineProperty(this, "publicKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 65
    });
    Object.defineProperty(this, "privateKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
  }
};
var DhkemP384HkdfSha384Native = class extends Dhkem {
  constructor() {
    const kdf = new HkdfSha384Native();
    const prim = new Ec(KemId.DhkemP384HkdfSha384, kdf);
    super(KemId.DhkemP384HkdfSha384, prim, kdf);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KemId.DhkemP384HkdfSha384
    });
    Object.defineProperty(this, "secretSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 48
    });
    Object.defineProperty(this, "encSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 97
    });
    Object.defineProperty(this, "publicKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 97
    });
    Object.defineProperty(this, "privateKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 48
    });
  }
};
var DhkemP521HkdfSha512Native = class extends Dhkem {
  constructor() {
    const kdf = new HkdfSha512Native();
    const prim = new Ec(KemId.DhkemP521HkdfSha512, kdf);
    super(KemId.DhkemP521HkdfSha512, prim, kdf);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KemId.DhkemP521HkdfSha512
    });
    Object.defineProperty(this, "secretSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 64
    });
    Object.defineProperty(this, "encSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 133
    });
    Object.defineProperty(this, "publicKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 133
    });
    Object.defineProperty(this, "privateKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 64
    });
  }
};

// node_modules/@hpke/core/esm/src/native.js
var CipherSuite = class extends CipherSuiteNative {
};
var DhkemP256HkdfSha256 = class extends DhkemP256HkdfSha256Native {
};
var DhkemP384HkdfSha384 = class extends DhkemP384HkdfSha384Native {
};
var DhkemP521HkdfSha512 = class extends DhkemP521HkdfSha512Native {
};
var HkdfSha256 = class extends HkdfSha256Native {
};
var HkdfSha384 = class extends HkdfSha384Native {
};
var HkdfSha512 = class extends HkdfSha512Native {
};

// node_modules/@hpke/core/esm/src/kems/dhkemPrimitives/x25519.js
var ALG_NAME = "X25519";
var PKCS8_ALG_ID_X25519 = new Uint8Array([
  48,
  46,
  2,
  1,
  0,
  48,
  5,
  6,
  3,
  43,
  101,
  110,
  4,
  34,
  4,
  32
]);
var BASE_POINT_X25519 = /* @__PURE__ */ (() => {
  const p = new Uint8Array(32);
  p[0] = 9;
  return p;
})();
var X25519 = class extends NativeAlgorithm {
  constructor(hkdf2) {
    super();
    Object.defineProperty(this, "_hkdf", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_alg", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nPk", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nSk", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_nDh", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    Object.defineProperty(this, "_pkcs8AlgId", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: void 0
    });
    this._alg = { name: ALG_NAME };
    this._hkdf = hkdf2;
    this._nPk = 32;
    this._nSk = 32;
    this._nDh = 32;
    this._pkcs8AlgId = PKCS8_ALG_ID_X25519;
  }
  async serializePublicKey(key) {
    await this._setup();
    try {
      return await this._api.exportKey("raw", key);
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async deserializePublicKey(key) {
    await this._setup();
    try {
      return await this._importRawKey(toArrayBuffer(key), true);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async serializePrivateKey(key) {
    await this._setup();
    try {
      const jwk = await this._api.exportKey("jwk", key);
      if (!("d" in jwk)) {
        throw new Error("Not private key");
      }
      return base64UrlToBytes(jwk["d"]).buffer;
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async deserializePrivateKey(key) {
    await this._setup();
    try {
      return await this._importRawKey(toArrayBuffer(key), false);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async importKey(format, key, isPublic) {
    await this._setup();
    try {
      if (format === "raw") {
        return await this._importRawKey(key, isPublic);
      }
      if (key instanceof ArrayBuffer) {
        throw new Error("Invalid jwk key format");
      }
      return await this._importJWK(key, isPublic);
    } catch (e) {
      throw new DeserializeError(e);
    }
  }
  async generateKeyPair() {
    await this._setup();
    try {
      return await this._api.generateKey(ALG_NAME, true, KEM_USAGES);
    } catch (e) {
      throw new NotSupportedError(e);
    }
  }
  async deriveKeyPair(ikm) {
    await this._setup();
    try {
      const rawIkm = toArrayBuffer(ikm);
      const dkpPrk = await this._hkdf.labeledExtract(EMPTY, LABEL_DKP_PRK, new Uint8Array(rawIkm));
      const rawSk = await this._hkdf.labeledExpand(dkpPrk, LABEL_SK, EMPTY, this._nSk);
      const rawSkBytes = new Uint8Array(rawSk);
      const sk = await this._deserializePkcs8Key(rawSkBytes);
      rawSkBytes.fill(0);
      return {
        privateKey: sk,
        publicKey: await this.derivePublicKey(sk)
      };
    } catch (e) {
      throw new DeriveKeyPairError(e);
    }
  }
  async derivePublicKey(key) {
    await this._setup();
    try {
      const jwk = await this._api.exportKey("jwk", key);
      delete jwk["d"];
      delete jwk["key_ops"];
      return await this._api.importKey("jwk", jwk, this._alg, true, []);
    } catch {
      try {
        const bp = await this._api.importKey("raw", BASE_POINT_X25519.buffer, this._alg, true, []);
        const bits = await this._api.deriveBits({
          name: ALG_NAME,
          public: bp
        }, key, this._nPk * 8);
        return await this._api.importKey("raw", bits, this._alg, true, []);
      } catch (e) {
        throw new DeserializeError(e);
      }
    }
  }
  async dh(sk, pk) {
    await this._setup();
    try {
      const bits = await this._api.deriveBits({
        name: ALG_NAME,
        public: pk
      }, sk, this._nDh * 8);
      return bits;
    } catch (e) {
      throw new SerializeError(e);
    }
  }
  async _importRawKey(key, isPublic) {
    if (isPublic && key.byteLength !== this._nPk) {
      throw new Error("Invalid public key for the ciphersuite");
    }
    if (!isPublic && key.byteLength !== this._nSk) {
      throw new Error("Invalid private key for the ciphersuite");
    }
    if (isPublic) {
      return await this._api.importKey("raw", key, this._alg, true, []);
    }
    return await this._deserializePkcs8Key(new Uint8Array(key));
  }
  async _importJWK(key, isPublic) {
    if (typeof key.kty === "undefined" || key.kty !== "OKP") {
      throw new Error(`Invalid kty: ${key.crv}`);
    }
    if (typeof key.crv === "undefined" || key.crv !== ALG_NAME) {
      throw new Error(`Invalid crv: ${key.crv}`);
    }
    if (isPublic) {
      if (typeof key.d !== "undefined") {
        throw new Error("Invalid key: `d` should not be set");
      }
      return await this._api.importKey("jwk", key, this._alg, true, []);
    }
    if (typeof key.d === "undefined") {
      throw new Error("Invalid key: `d` not found");
    }
    return await this._api.importKey("jwk", key, this._alg, true, KEM_USAGES);
  }
  async _deserializePkcs8Key(k) {
    const pkcs8Key = new Uint8Array(this._pkcs8AlgId.length + k.length);
    pkcs8Key.set(this._pkcs8AlgId, 0);
    pkcs8Key.set(k, this._pkcs8AlgId.length);
    return await this._api.importKey("pkcs8", pkcs8Key, this._alg, true, KEM_USAGES);
  }
};

// node_modules/@hpke/core/esm/src/kems/dhkemX25519.js
var DhkemX25519HkdfSha256 = class extends Dhkem {
  constructor() {
    const kdf = new HkdfSha256Native();
    super(KemId.DhkemX25519HkdfSha256, new X25519(kdf), kdf);
    Object.defineProperty(this, "id", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: KemId.DhkemX25519HkdfSha256
    });
    Object.defineProperty(this, "secretSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "encSize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "publicKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
    Object.defineProperty(this, "privateKeySize", {
      enumerable: true,
      configurable: true,
      writable: true,
      value: 32
    });
  }
};

// node_modules/@hpke/core/esm/src/kems/dhkemPrimitives/x448.js
var PKCS8_ALG_ID_X448 = new Uint8Array([
  48,
  70,
  2,
  1,
  0,
  48,
  5,
  6,
  3,
  43,
  101,
  111,
  4,
  58,
  4,
  56
]);

// node_modules/ts-mls/dist/src/crypto/implementation/hpke.js
async function makeGenericHpke(hpkealg, aead, cs) {
  return {
    async open(privateKey, kemOutput, ciphertext, info, aad) {
      try {
        const result = await cs.open({ recipientKey: privateKey, enc: bytesToArrayBuffer(kemOutput), info: bytesToArrayBuffer(info) }, bytesToArrayBuffer(ciphertext), aad ? bytesToArrayBuffer(aad) : new ArrayBuffer());
        return new Uint8Array(result);
      } catch (e) {
        throw new CryptoError(`${e}`);
      }
    },
    async seal(publicKey, plaintext, info, aad) {
      const result = await cs.seal({ recipientPublicKey: publicKey, info: bytesToArrayBuffer(info) }, bytesToArrayBuffer(plaintext), aad ? bytesToArrayBuffer(aad) : new ArrayBuffer());
      return {
        ct: new Uint8Array(result.ct),
        enc: new Uint8Array(result.enc)
      };
    },
    async exportSecret(publicKey, exporterContext, length, info) {
      const context = await cs.createSenderContext({ recipientPublicKey: publicKey, info: bytesToArrayBuffer(info) });
      return {
        enc: new Uint8Array(context.enc),
        secret: new Uint8Array(await context.export(bytesToArrayBuffer(exporterContext), length))
      };
    },
    async importSecret(privateKey, exporterContext, kemOutput, length, info) {
      try {
        const context = await cs.createRecipientContext({
          recipientKey: privateKey,
          info: bytesToArrayBuffer(info),
          enc: bytesToArrayBuffer(kemOutput)
        });
        return new Uint8Array(await context.export(bytesToArrayBuffer(exporterContext), length));
      } catch (e) {
        throw new CryptoError(`${e}`);
      }
    },
    async importPrivateKey(k) {
      try {
        const key = hpkealg.kem === "DHKEM-P521-HKDF-SHA512" ? prepadPrivateKeyP521(k) : k;
        return await cs.kem.deserializePrivateKey(bytesToArrayBuffer(key));
      } catch (e) {
        throw new CryptoError(`${e}`);
      }
    },
    async importPublicKey(k) {
      try {
        return await cs.kem.deserializePublicKey(bytesToArrayBuffer(k));
      } catch (e) {
        throw new CryptoError(`${e}`);
      }
    },
    async exportPublicKey(k) {
      return new Uint8Array(await cs.kem.serializePublicKey(k));
    },
    async exportPrivateKey(k) {
      return new Uint8Array(await cs.kem.serializePrivateKey(k));
    },
    async encryptAead(key, nonce, aad, plaintext) {
      return aead.encrypt(key, nonce, aad ? aad : new Uint8Array(), plaintext);
    },
    async decryptAead(key, nonce, aad, ciphertext) {
      try {
        return await aead.decrypt(key, nonce, aad ? aad : new Uint8Array(), ciphertext);
      } catch (e) {
        throw new CryptoError(`${e}`);
      }
    },
    async deriveKeyPair(ikm) {
      const kp = await cs.kem.deriveKeyPair(bytesToArrayBuffer(ikm));
      return { privateKey: kp.privateKey, publicKey: kp.publicKey };
    },
    async generateKeyPair() {
      const kp = await cs.kem.generateKeyPair();
      return { privateKey: kp.privateKey, publicKey: kp.publicKey };
    },
    keyLength: cs.aead.keySize,
    nonceLength: cs.aead.nonceSize
  };
}
function prepadPrivateKeyP521(k) {
  const lengthDifference = 66 - k.byteLength;
  return concatUint8Arrays(new Uint8Array(lengthDifference), k);
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeAead.js
async function makeAead(aeadAlg) {
  switch (aeadAlg) {
    case "AES128GCM":
      return [
        {
          encrypt(key, nonce, aad, plaintext) {
            return encryptAesGcm(key, nonce, aad, plaintext);
          },
          decrypt(key, nonce, aad, ciphertext) {
            return decryptAesGcm(key, nonce, aad, ciphertext);
          }
        },
        new Aes128Gcm()
      ];
    case "AES256GCM":
      return [
        {
          encrypt(key, nonce, aad, plaintext) {
            return encryptAesGcm(key, nonce, aad, plaintext);
          },
          decrypt(key, nonce, aad, ciphertext) {
            return decryptAesGcm(key, nonce, aad, ciphertext);
          }
        },
        new Aes256Gcm()
      ];
    case "CHACHA20POLY1305":
      try {
        const { Chacha20Poly1305 } = await import("@hpke/chacha20poly1305");
        const { chacha20poly1305: chacha20poly13052 } = await Promise.resolve().then(() => (init_chacha(), chacha_exports));
        return [
          {
            async encrypt(key, nonce, aad, plaintext) {
              return chacha20poly13052(key, nonce, aad).encrypt(plaintext);
            },
            async decrypt(key, nonce, aad, ciphertext) {
              return chacha20poly13052(key, nonce, aad).decrypt(ciphertext);
            }
          },
          new Chacha20Poly1305()
        ];
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/chacha20poly1305' is not installed. Please install it to use this feature.");
      }
  }
}
async function encryptAesGcm(key, nonce, aad, plaintext) {
  const cryptoKey = await crypto.subtle.importKey("raw", toBufferSource(key), { name: "AES-GCM" }, false, ["encrypt"]);
  const params = {
    name: "AES-GCM",
    iv: toBufferSource(nonce)
  };
  if (aad.length > 0) {
    params.additionalData = toBufferSource(aad);
  }
  const result = await crypto.subtle.encrypt(params, cryptoKey, toBufferSource(plaintext));
  return new Uint8Array(result);
}
async function decryptAesGcm(key, nonce, aad, ciphertext) {
  const cryptoKey = await crypto.subtle.importKey("raw", toBufferSource(key), { name: "AES-GCM" }, false, ["decrypt"]);
  const params = {
    name: "AES-GCM",
    iv: toBufferSource(nonce)
  };
  if (aad.length > 0) {
    params.additionalData = toBufferSource(aad);
  }
  const result = await crypto.subtle.decrypt(params, cryptoKey, toBufferSource(ciphertext));
  return new Uint8Array(result);
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeKdfImpl.js
function makeKdfImpl(k) {
  return {
    async extract(salt, ikm) {
      const result = await k.extract(bytesToArrayBuffer(salt), bytesToArrayBuffer(ikm));
      return new Uint8Array(result);
    },
    async expand(prk, info, len) {
      const result = await k.expand(bytesToArrayBuffer(prk), bytesToArrayBuffer(info), len);
      return new Uint8Array(result);
    },
    size: k.hashSize
  };
}
function makeKdf(kdfAlg) {
  switch (kdfAlg) {
    case "HKDF-SHA256":
      return new HkdfSha256();
    case "HKDF-SHA384":
      return new HkdfSha384();
    case "HKDF-SHA512":
      return new HkdfSha512();
  }
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeDhKem.js
async function makeDhKem(kemAlg) {
  switch (kemAlg) {
    case "DHKEM-P256-HKDF-SHA256":
      return new DhkemP256HkdfSha256();
    case "DHKEM-X25519-HKDF-SHA256":
      return new DhkemX25519HkdfSha256();
    case "DHKEM-X448-HKDF-SHA512": {
      try {
        const { DhkemX448HkdfSha512: DhkemX448HkdfSha5122 } = await import("@hpke/dhkem-x448");
        return new DhkemX448HkdfSha5122();
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/dhkem-x448' is not installed. Please install it to use this feature.");
      }
    }
    case "DHKEM-P521-HKDF-SHA512":
      return new DhkemP521HkdfSha512();
    case "DHKEM-P384-HKDF-SHA384":
      return new DhkemP384HkdfSha384();
    case "ML-KEM-512":
      try {
        const { MlKem512 } = await import("@hpke/ml-kem");
        return new MlKem512();
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/ml-kem' is not installed. Please install it to use this feature.");
      }
    case "ML-KEM-768":
      try {
        const { MlKem768 } = await import("@hpke/ml-kem");
        return new MlKem768();
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/ml-kem' is not installed. Please install it to use this feature.");
      }
    case "ML-KEM-1024":
      try {
        const { MlKem1024 } = await import("@hpke/ml-kem");
        return new MlKem1024();
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/ml-kem' is not installed. Please install it to use this feature.");
      }
    case "X-Wing":
      try {
        const { XWing } = await import("@hpke/hybridkem-x-wing");
        return new XWing();
      } catch (err) {
        throw new DependencyError("Optional dependency '@hpke/hybridkem-x-wing' is not installed. Please install it to use this feature.");
      }
  }
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeHpke.js
async function makeHpke(hpkealg) {
  const [aead, aeadInterface] = await makeAead(hpkealg.aead);
  const cs = new CipherSuite({
    kem: await makeDhKem(hpkealg.kem),
    kdf: makeKdf(hpkealg.kdf),
    aead: aeadInterface
  });
  return makeGenericHpke(hpkealg, aead, cs);
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/rng.js
var defaultRng = {
  randomBytes(n) {
    return crypto.getRandomValues(new Uint8Array(n));
  }
};

// node_modules/ts-mls/dist/src/crypto/implementation/default/makeNobleSignatureImpl.js
function rawEd25519ToPKCS8(rawKey) {
  const oid = new Uint8Array([6, 3, 43, 101, 112]);
  const innerOctetString = new Uint8Array([4, 32, ...rawKey]);
  const privateKeyField = new Uint8Array([4, 34, ...innerOctetString]);
  const algorithmSeq = new Uint8Array([48, 5, ...oid]);
  const version = new Uint8Array([2, 1, 0]);
  const content = new Uint8Array([...version, ...algorithmSeq, ...privateKeyField]);
  return new Uint8Array([48, content.length, ...content]);
}
async function makeNobleSignatureImpl(alg) {
  switch (alg) {
    case "Ed25519": {
      const subtle = globalThis.crypto?.subtle;
      if (subtle !== void 0) {
        return {
          async sign(signKey, message) {
            const keyData = signKey.length === 32 ? rawEd25519ToPKCS8(signKey) : signKey;
            const key = await subtle.importKey("pkcs8", toBufferSource(keyData), "Ed25519", false, ["sign"]);
            const sig = await subtle.sign("Ed25519", key, toBufferSource(message));
            return new Uint8Array(sig);
          },
          async verify(publicKey, message, signature) {
            const key = await subtle.importKey("raw", toBufferSource(publicKey), "Ed25519", false, ["verify"]);
            return subtle.verify("Ed25519", key, toBufferSource(signature), toBufferSource(message));
          },
          async keygen() {
            const keyPair = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
            const publicKeyBuffer = await subtle.exportKey("raw", keyPair.publicKey);
            const privateKeyBuffer = await subtle.exportKey("pkcs8", keyPair.privateKey);
            const publicKey = new Uint8Array(publicKeyBuffer);
            const signKey = new Uint8Array(privateKeyBuffer);
            return { signKey, publicKey };
          }
        };
      }
      try {
        const { ed25519: ed255192 } = await Promise.resolve().then(() => (init_ed25519(), ed25519_exports));
        return {
          async sign(signKey, message) {
            return ed255192.sign(message, signKey);
          },
          async verify(publicKey, message, signature) {
            return ed255192.verify(signature, message, publicKey);
          },
          async keygen() {
            const signKey = ed255192.utils.randomSecretKey();
            return { signKey, publicKey: ed255192.getPublicKey(signKey) };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/curves' is not installed. Please install it to use this feature.");
      }
    }
    case "Ed448":
      try {
        const { ed448: ed4482 } = await Promise.resolve().then(() => (init_ed448(), ed448_exports));
        return {
          async sign(signKey, message) {
            return ed4482.sign(message, signKey);
          },
          async verify(publicKey, message, signature) {
            return ed4482.verify(signature, message, publicKey);
          },
          async keygen() {
            const signKey = ed4482.utils.randomSecretKey();
            return { signKey, publicKey: ed4482.getPublicKey(signKey) };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/curves' is not installed. Please install it to use this feature.");
      }
    case "P256":
      try {
        const { p256: p2562 } = await Promise.resolve().then(() => (init_nist(), nist_exports));
        return {
          async sign(signKey, message) {
            return p2562.sign(message, signKey, { prehash: true, format: "der", lowS: false });
          },
          async verify(publicKey, message, signature) {
            return p2562.verify(signature, message, publicKey, { prehash: true, format: "der", lowS: false });
          },
          async keygen() {
            const signKey = p2562.utils.randomSecretKey();
            return { signKey, publicKey: p2562.getPublicKey(signKey) };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/curves' is not installed. Please install it to use this feature.");
      }
    case "P384":
      try {
        const { p384: p3842 } = await Promise.resolve().then(() => (init_nist(), nist_exports));
        return {
          async sign(signKey, message) {
            return p3842.sign(message, signKey, { prehash: true, format: "der", lowS: false });
          },
          async verify(publicKey, message, signature) {
            return p3842.verify(signature, message, publicKey, { prehash: true, format: "der", lowS: false });
          },
          async keygen() {
            const signKey = p3842.utils.randomSecretKey();
            return { signKey, publicKey: p3842.getPublicKey(signKey) };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/curves' is not installed. Please install it to use this feature.");
      }
    case "P521":
      try {
        const { p521: p5212 } = await Promise.resolve().then(() => (init_nist(), nist_exports));
        return {
          async sign(signKey, message) {
            return p5212.sign(message, signKey, { prehash: true, format: "der", lowS: false });
          },
          async verify(publicKey, message, signature) {
            return p5212.verify(signature, message, publicKey, { prehash: true, format: "der", lowS: false });
          },
          async keygen() {
            const signKey = p5212.utils.randomSecretKey();
            return { signKey, publicKey: p5212.getPublicKey(signKey) };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/curves' is not installed. Please install it to use this feature.");
      }
    case "ML-DSA-87":
      try {
        const { ml_dsa87 } = await import("@noble/post-quantum/ml-dsa.js");
        return {
          async sign(signKey, message) {
            return ml_dsa87.sign(message, signKey);
          },
          async verify(publicKey, message, signature) {
            return ml_dsa87.verify(signature, message, publicKey);
          },
          async keygen() {
            const keys = ml_dsa87.keygen(crypto.getRandomValues(new Uint8Array(32)));
            return { signKey: keys.secretKey, publicKey: keys.publicKey };
          }
        };
      } catch (err) {
        throw new DependencyError("Optional dependency '@noble/post-quantum' is not installed. Please install it to use this feature.");
      }
  }
}

// node_modules/ts-mls/dist/src/crypto/implementation/default/provider.js
var defaultCryptoProvider = {
  async getCiphersuiteImpl(cs) {
    const sc = crypto.subtle;
    return {
      kdf: makeKdfImpl(makeKdf(cs.hpke.kdf)),
      hash: makeHashImpl(sc, cs.hash),
      signature: await makeNobleSignatureImpl(cs.signature),
      hpke: await makeHpke(cs.hpke),
      rng: defaultRng,
      name: cs.name
    };
  }
};

// node_modules/ts-mls/dist/src/crypto/getCiphersuiteImpl.js
async function getCiphersuiteImpl(cs, provider = defaultCryptoProvider) {
  return provider.getCiphersuiteImpl(cs);
}

// node_modules/ts-mls/dist/src/message.js
var mlsPublicMessageEncoder = contramapBufferEncoders([wireformatEncoder, publicMessageEncoder], (msg) => [msg.wireformat, msg.publicMessage]);
var encodeMlsPublicMessage = encode(mlsPublicMessageEncoder);
var mlsWelcomeEncoder = contramapBufferEncoders([wireformatEncoder, welcomeEncoder], (wm) => [wm.wireformat, wm.welcome]);
var encodeMlsWelcome = encode(mlsWelcomeEncoder);
var mlsPrivateMessageEncoder = contramapBufferEncoders([wireformatEncoder, privateMessageEncoder], (pm) => [pm.wireformat, pm.privateMessage]);
var encodeMlsPrivateMessage = encode(mlsPrivateMessageEncoder);
var mlsGroupInfoEncoder = contramapBufferEncoders([wireformatEncoder, groupInfoEncoder], (gi) => [gi.wireformat, gi.groupInfo]);
var encodeMlsGroupInfo = encode(mlsGroupInfoEncoder);
var mlsKeyPackageEncoder = contramapBufferEncoders([wireformatEncoder, keyPackageEncoder], (kp) => [kp.wireformat, kp.keyPackage]);
var encodeMlsKeyPackage = encode(mlsKeyPackageEncoder);
var mlsMessageContentEncoder = (mc) => {
  switch (mc.wireformat) {
    case "mls_public_message":
      return mlsPublicMessageEncoder(mc);
    case "mls_welcome":
      return mlsWelcomeEncoder(mc);
    case "mls_private_message":
      return mlsPrivateMessageEncoder(mc);
    case "mls_group_info":
      return mlsGroupInfoEncoder(mc);
    case "mls_key_package":
      return mlsKeyPackageEncoder(mc);
  }
};
var encodeMlsMessageContent = encode(mlsMessageContentEncoder);
var decodeMlsMessageContent = flatMapDecoder(decodeWireformat, (wireformat) => {
  switch (wireformat) {
    case "mls_public_message":
      return mapDecoder(decodePublicMessage, (publicMessage) => ({ wireformat, publicMessage }));
    case "mls_welcome":
      return mapDecoder(decodeWelcome, (welcome) => ({ wireformat, welcome }));
    case "mls_private_message":
      return mapDecoder(decodePrivateMessage, (privateMessage) => ({ wireformat, privateMessage }));
    case "mls_group_info":
      return mapDecoder(decodeGroupInfo, (groupInfo) => ({ wireformat, groupInfo }));
    case "mls_key_package":
      return mapDecoder(decodeKeyPackage, (keyPackage) => ({ wireformat, keyPackage }));
  }
});
var mlsMessageEncoder = contramapBufferEncoders([protocolVersionEncoder, mlsMessageContentEncoder], (w) => [w.version, w]);
var encodeMlsMessage = encode(mlsMessageEncoder);
var decodeMlsMessage = mapDecoders([decodeProtocolVersion, decodeMlsMessageContent], (version, mc) => ({ ...mc, version }));

// node_modules/ts-mls/dist/src/grease.js
var greaseValues = [
  2570,
  6682,
  10794,
  14906,
  19018,
  23130,
  27242,
  31354,
  35466,
  39578,
  43690,
  47802,
  51914,
  56026,
  60138
];
var defaultGreaseConfig = {
  probabilityPerGreaseValue: 0.1
};
function grease(greaseConfig) {
  return greaseValues.filter(() => greaseConfig.probabilityPerGreaseValue > Math.random());
}
function greaseCiphersuites(greaseConfig) {
  return grease(greaseConfig).map((n) => n.toString());
}
function greaseCredentials(greaseConfig) {
  return grease(greaseConfig).map((n) => n.toString());
}
function greaseCapabilities(config, capabilities) {
  return {
    ciphersuites: [...capabilities.ciphersuites, ...greaseCiphersuites(config)],
    credentials: [...capabilities.credentials, ...greaseCredentials(config)],
    extensions: [...capabilities.extensions, ...grease(config)],
    proposals: [...capabilities.proposals, ...grease(config)],
    versions: capabilities.versions
  };
}

// node_modules/ts-mls/dist/src/defaultCapabilities.js
function defaultCapabilities() {
  return greaseCapabilities(defaultGreaseConfig, {
    versions: ["mls10"],
    ciphersuites: Object.keys(ciphersuites),
    extensions: [],
    proposals: [],
    credentials: ["basic", "x509"]
  });
}

// src/e2ee/securityCode.ts
function securityCode(epochAuthenticator) {
  if (epochAuthenticator.length < 20) throw new RangeError("epoch authenticator too short");
  const groups = [];
  for (let i = 0; i < 4; i++) {
    let value = 0;
    for (let j = 0; j < 5; j++) value = value * 256 + (epochAuthenticator[5 * i + j] ?? 0);
    groups.push(String(value % 1e5).padStart(5, "0"));
  }
  return groups.join(" ");
}

// src/e2ee/admission.ts
var ROSTER_EXTENSION_TYPE = 61633;
var isId = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function parseRoster(data) {
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch {
    return null;
  }
  if (!isObject(value) || value["v"] !== 1 || !Array.isArray(value["hosts"]) || !Array.isArray(value["members"])) return null;
  const hosts = [];
  for (const h of value["hosts"]) {
    if (!isObject(h) || !isId(h["participant"]) || typeof h["signature_key"] !== "string" || typeof h["endorsement"] !== "string") return null;
    hosts.push({ participant: h["participant"], signature_key: h["signature_key"], endorsement: h["endorsement"] });
  }
  const members = [];
  for (const m of value["members"]) {
    if (!isObject(m) || !isId(m["participant"]) || typeof m["name"] !== "string") return null;
    const admittedBy = m["admitted_by"];
    if (admittedBy !== null && !isId(admittedBy)) return null;
    members.push({ participant: m["participant"], name: m["name"], admitted_by: admittedBy });
  }
  const rec = value["recording"];
  let recording = null;
  if (rec !== void 0 && rec !== null) {
    if (!isObject(rec) || Object.keys(rec).join(",") !== "to" || typeof rec["to"] !== "string") return null;
    recording = { to: rec["to"] };
  }
  return { v: 1, hosts, members, recording };
}
function encodeRoster(roster) {
  const value = {
    v: 1,
    hosts: roster.hosts.map((h) => ({ participant: h.participant, signature_key: h.signature_key, endorsement: h.endorsement })),
    members: roster.members.map((m) => ({ participant: m.participant, name: m.name, admitted_by: m.admitted_by })),
    // Only while set, after the members, as the native client writes it.
    ...roster.recording ? { recording: { to: roster.recording.to } } : {}
  };
  return new TextEncoder().encode(JSON.stringify(value));
}
function bytesToBase642(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function signatureKeyText(signatureKey) {
  return bytesToBase642(signatureKey);
}
function validHosts(roster, leaves, verify) {
  const out = /* @__PURE__ */ new Map();
  for (const leaf of leaves) {
    if (leaf.participant === null) continue;
    const key = signatureKeyText(leaf.signatureKey);
    const endorsed = roster.hosts.some(
      (h) => h.participant === leaf.participant && h.signature_key === key && verify(h.participant, leaf.signatureKey, h.endorsement)
    );
    if (endorsed) out.set(leaf.leaf, leaf.participant);
  }
  return out;
}
function memberEntry(roster, participant) {
  return roster.members.find((m) => m.participant === participant);
}
function checkWelcome(roster, leaves, ownLeaf, verify) {
  if (!roster) return "the group has no readable roster";
  const hosts = validHosts(roster, leaves, verify);
  if (hosts.size === 0) return "no member of the group is a host endorsed by the meeting key";
  const me = leaves.find((l) => l.leaf === ownLeaf);
  if (!me || me.participant === null) return "this client is not in the group it was welcomed to";
  const entry = memberEntry(roster, me.participant);
  if (!entry) return "the roster does not list this client";
  if (hosts.has(ownLeaf)) return null;
  if (entry.admitted_by === null || ![...hosts.values()].includes(entry.admitted_by)) {
    return "no host of the group admitted this client";
  }
  return null;
}
function checkCommit(facts, verify) {
  if (facts.committerLeaf === null) return "a commit from outside the group (external commit)";
  if (facts.byReference) return "a commit with proposals by reference";
  for (const p of facts.proposals) {
    if (p.type === "other") return `a commit with a ${p.name} proposal`;
  }
  const { before, after } = facts;
  if (!before.roster) return "the group had no readable roster";
  if (!after.roster || !after.rosterBytes) return "a commit that removes or breaks the roster";
  const rosterChanged = !before.rosterBytes || !sameBytes(before.rosterBytes, after.rosterBytes);
  const adds = facts.proposals.filter((p) => p.type === "add");
  if (adds.length === 0 && !rosterChanged) return null;
  const hostsAfter = validHosts(after.roster, after.leaves, verify);
  const committerHost = validHosts(before.roster, before.leaves, verify).get(facts.committerLeaf) ?? hostsAfter.get(facts.committerLeaf);
  const addedHosts = /* @__PURE__ */ new Set();
  for (const add3 of adds) {
    if (add3.participant === null) return "an Add of a member whose credential cannot be read";
    const entry = memberEntry(after.roster, add3.participant);
    if (!entry) return `an Add of participant ${add3.participant}, who is not in the roster`;
    const leaf = after.leaves.find((l) => l.participant === add3.participant && sameBytes(l.signatureKey, add3.signatureKey));
    const isHost = leaf !== void 0 && hostsAfter.has(leaf.leaf);
    if (isHost) {
      addedHosts.add(add3.participant);
    } else if (committerHost === void 0) {
      return `an Add of participant ${add3.participant} committed by a member who is not a host`;
    } else if (entry.admitted_by !== committerHost) {
      return `participant ${add3.participant} is listed as admitted by someone other than the host who added them`;
    }
  }
  if (committerHost !== void 0) return null;
  for (const participant of addedHosts) {
    if (memberEntry(after.roster, participant)?.admitted_by !== null) {
      return `a member who is not a host wrote who admitted host ${participant}`;
    }
  }
  const others = (entries) => JSON.stringify(entries.filter((e) => !addedHosts.has(e.participant)));
  if (others(before.roster.hosts) !== others(after.roster.hosts) || others(before.roster.members) !== others(after.roster.members)) {
    return "a member who is not a host changed the roster";
  }
  if (after.roster.recording !== null && JSON.stringify(after.roster.recording) !== JSON.stringify(before.roster.recording)) {
    return "a member who is not a host said the meeting is recorded";
  }
  return null;
}

// src/e2ee/meetingKey.ts
init_ed25519();

// src/protocol/constants.ts
var PROTOCOL_VERSION = 1;
var MAX_ID = 9007199254740991;
var MAX_PINNED = 25;
var MAX_KNOCK_BYTES = 8192;
var MAX_RECORDING_KEY_BYTES = 196608;
var MAX_ENDORSEMENT_BYTES = 256;
var MAX_MESSAGE_BYTES = 1638400;
var MAX_MLS_APPLICATION_BYTES = 16384;
var MAX_APPLICATION_RECIPIENTS = 64;
var MAX_CHAT_CHARS = 4e3;
var MAX_NAME_CHARS = 64;
var MAX_KEY_PACKAGE_BYTES = 4096;
var MAX_REASON_CHARS = 200;
var SERVER_MESSAGE_TYPES = [
  "welcome",
  "participant_joined",
  "participant_updated",
  "participant_left",
  "publish_answer",
  "subscribe_offer",
  "active_speaker",
  "video_paused",
  "pong",
  "mls_create_group",
  "mls_commit_request",
  "mls_commit_accepted",
  "mls_commit_rejected",
  "mls_commit",
  "mls_welcome",
  "mls_application",
  "mls_reset",
  "lobby",
  "knock",
  "knock_withdrawn",
  "denied",
  "removed",
  "meeting_locked",
  "meeting_ended",
  "muted_by_host",
  "promoted",
  "screen_sharing_allowed",
  "recording",
  "ice_servers",
  "resumable",
  "resumed",
  "error"
];

// src/e2ee/meetingKey.ts
var SEED_BYTES = 32;
var SIGNING_INFO = "conclave meeting signing key v1";
var KNOCK_INFO = "conclave meeting knock key v1";
var KNOCK_HPKE_INFO_PREFIX = "conclave knock v1 ";
var COHOST_HPKE_INFO_PREFIX = "conclave cohost v1 ";
var ENDORSEMENT_PREFIX = "conclave host v1";
var RECORDING_HPKE_INFO = "conclave recording v1";
var KEY_BYTES = 32;
var ascii = (text) => new TextEncoder().encode(text);
function toBase64Url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - text.length % 4) % 4));
  const out = Uint8Array.from(s, (c) => c.charCodeAt(0));
  return toBase64Url(out) === text ? out : null;
}
function toBase64(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function fromBase64(text) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
var suite = null;
function hpke() {
  suite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
  return suite;
}
async function hkdf(seed, info) {
  const key = await crypto.subtle.importKey("raw", seed, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: ascii(info) }, key, 256);
  return new Uint8Array(bits);
}
async function deriveMeetingSecret(seed) {
  if (seed.length !== SEED_BYTES) throw new Error(`a meeting seed has ${SEED_BYTES} bytes`);
  const signingKey = await hkdf(seed, SIGNING_INFO);
  const ikm = await hkdf(seed, KNOCK_INFO);
  const kem = hpke().kem;
  const knockKeyPair = await kem.deriveKeyPair(ikm.slice().buffer);
  const knock = new Uint8Array(await kem.serializePublicKey(knockKeyPair.publicKey));
  return { seed, signingKey, knockKeyPair, public: { signing: ed25519.getPublicKey(signingKey), knock } };
}
function decodePublicKey(bytes) {
  if (bytes.length !== 2 * KEY_BYTES) return null;
  return { signing: bytes.slice(0, KEY_BYTES), knock: bytes.slice(KEY_BYTES) };
}
function parseFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const hostSecret2 = params.get("host");
  const keyText = params.get("key");
  const pubText = params.get("pub");
  const recText = params.get("rec");
  let seed = null;
  let recordingKey = null;
  if (recText !== null) {
    recordingKey = fromBase64Url(recText);
    if (!recordingKey || recordingKey.length !== KEY_BYTES) return { ok: false, problem: "The recording key in this link is damaged. Copy the whole link again." };
  }
  let publicKey = null;
  if (keyText !== null) {
    seed = fromBase64Url(keyText);
    if (!seed || seed.length !== SEED_BYTES) return { ok: false, problem: "The meeting key in this link is damaged. Copy the whole host link again." };
  }
  if (pubText !== null) {
    const bytes = fromBase64Url(pubText);
    publicKey = bytes && decodePublicKey(bytes);
    if (!publicKey) return { ok: false, problem: "The meeting key in this link is damaged. Ask the host for the full participant link again." };
  }
  return { ok: true, hostSecret: hostSecret2 === "" ? null : hostSecret2, seed, publicKey, recordingKey };
}
function knockInfo(meetingId2) {
  return ascii(KNOCK_HPKE_INFO_PREFIX + meetingId2);
}
async function sealKnock(key, meetingId2, knock) {
  const fields = { participant: knock.participant, name: knock.name, key_package: knock.key_package };
  if (knock.box_key !== void 0) fields.box_key = knock.box_key;
  const text = await seal(key.knock, knockInfo(meetingId2), ascii(JSON.stringify(fields)));
  if (text.length > MAX_KNOCK_BYTES) throw new Error("The knock is too large.");
  return text;
}
async function seal(recipient, info, plaintext) {
  const s = hpke();
  const recipientPublicKey = await s.kem.deserializePublicKey(recipient.slice().buffer);
  const { enc, ct } = await s.seal({ recipientPublicKey, info }, plaintext.slice().buffer, new ArrayBuffer(0));
  const sealed = new Uint8Array(enc.byteLength + ct.byteLength);
  sealed.set(new Uint8Array(enc), 0);
  sealed.set(new Uint8Array(ct), enc.byteLength);
  return toBase64(sealed);
}
async function open(recipientKey, info, sealed) {
  const bytes = fromBase64(sealed);
  if (!bytes || bytes.length <= KEY_BYTES) return null;
  try {
    return await hpke().open({ recipientKey, enc: bytes.slice(0, KEY_BYTES).buffer, info }, bytes.slice(KEY_BYTES).buffer, new ArrayBuffer(0));
  } catch {
    return null;
  }
}
async function openKnock(secret, meetingId2, sealed) {
  if (sealed.length > MAX_KNOCK_BYTES) return null;
  const plaintext = await open(secret.knockKeyPair, knockInfo(meetingId2), sealed);
  return plaintext === null ? null : parseKnockPlaintext(plaintext);
}
function parseKnockPlaintext(plaintext) {
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const v = value;
    const keys = Object.keys(v).filter((k) => k !== "box_key").sort().join(",");
    if (keys !== "key_package,name,participant") return null;
    const { participant, name, key_package, box_key } = v;
    if (typeof participant !== "number" || !Number.isSafeInteger(participant) || participant < 0 || participant > MAX_ID) return null;
    if (typeof name !== "string" || typeof key_package !== "string") return null;
    if (box_key === void 0) return { participant, name, key_package };
    if (typeof box_key !== "string" || fromBase64(box_key)?.length !== KEY_BYTES) return null;
    return { participant, name, key_package, box_key };
  } catch {
    return null;
  }
}
async function generateBoxKey() {
  const kem = hpke().kem;
  const keyPair = await kem.generateKeyPair();
  return { keyPair, publicKey: toBase64(new Uint8Array(await kem.serializePublicKey(keyPair.publicKey))) };
}
function cohostInfo(meetingId2) {
  return ascii(COHOST_HPKE_INFO_PREFIX + meetingId2);
}
async function sealSeedToBox(secret, meetingId2, boxKey) {
  const recipient = fromBase64(boxKey);
  if (!recipient || recipient.length !== KEY_BYTES) throw new Error("the box key is not an X25519 public key");
  return seal(recipient, cohostInfo(meetingId2), secret.seed);
}
async function openSeedFromBox(box, meetingId2, sealed, expected) {
  if (sealed.length > MAX_KNOCK_BYTES) return null;
  const plaintext = await open(box.keyPair, cohostInfo(meetingId2), sealed);
  if (plaintext === null || plaintext.byteLength !== SEED_BYTES) return null;
  const secret = await deriveMeetingSecret(new Uint8Array(plaintext));
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  return same(secret.public.signing, expected.signing) && same(secret.public.knock, expected.knock) ? secret : null;
}
async function sealRecordingEpoch(recipient, epoch) {
  if (recipient.length !== KEY_BYTES) throw new Error("the recording key is not an X25519 public key");
  const plaintext = ascii(
    JSON.stringify({
      epoch: Number(epoch.epoch),
      base_key: toBase64(epoch.baseKey),
      members: epoch.members.map((m) => ({ leaf: m.leaf, participant: m.participant, name: m.name }))
    })
  );
  try {
    const text = await seal(recipient, ascii(RECORDING_HPKE_INFO), plaintext);
    if (text.length > MAX_RECORDING_KEY_BYTES) throw new Error("The recording key is too large to send.");
    return text;
  } finally {
    plaintext.fill(0);
  }
}
function endorsementMessage(participant, signatureKey) {
  const prefix = ascii(ENDORSEMENT_PREFIX);
  const out = new Uint8Array(prefix.length + 8 + signatureKey.length);
  out.set(prefix, 0);
  new DataView(out.buffer).setBigUint64(prefix.length, BigInt(participant), false);
  out.set(signatureKey, prefix.length + 8);
  return out;
}
function endorseHost(secret, participant, signatureKey) {
  return toBase64(ed25519.sign(endorsementMessage(participant, signatureKey), secret.signingKey));
}
function verifyEndorsement(key, participant, signatureKey, endorsement) {
  if (endorsement.length > MAX_ENDORSEMENT_BYTES || !Number.isSafeInteger(participant) || participant < 0) return false;
  const signature = fromBase64(endorsement);
  if (!signature || signature.length !== 64 || signatureKey.length !== KEY_BYTES) return false;
  try {
    return ed25519.verify(signature, endorsementMessage(participant, signatureKey), key.signing, { zip215: false });
  } catch {
    return false;
  }
}

// src/nameTables.ts
var SCRIPTS = "Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Berf Bhks Bopo Brah Brai Bugi Buhd Cakm Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Gara Geor Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital Java Jurc Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck Onao Orkh Orya Osge Osma Ougr Palm Pauc Pcun Perm Phag Phli Phlp Phnx Plrd Prti Rjng Rohg Runr Samr Sarb Saur Seal Sgnw Shaw Shrd Sidd Sidt Sind Sinh Sogd Sogo Sora Soyo Sund Sunu Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Tayo Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Todr Tols Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb";
var CONFUSABLES = `
22 27 27
25 b0 2f 2080
30 4f
31 6c
49 6c
60 27
6d 72 6e
7c 6c
a0 20
a1 69
a2 63 338
a5 59 335
a6 208f
af 2c9
b2 14be
b4 27
b5 3bc
b8 2c
b9 18f3
ba b0
bc 6c 2f 34
bd 6c 2f 32
be 33 2f 34
c6 41 45
d0 44 335
d7 78
d8 4f 338
e6 61 65
f0 2202 335
f8 6f 338
fe 70
110 44 335
111 64 335
126 48 335
127 68 335
131 69
132 6c 4a
133 69 6a
13f 4c b7
140 6c b7
141 4c 338
142 6c 338
149 27 6e
14b 6e 329
152 4f 45
153 6f 65
166 54 335
167 74 335
17f 66
180 62 335
181 27 42
182 62 304
183 62 304
184 62
187 43 27
189 44 335
18a 27 44
18b 64 304
18c 64 304
18d 67
191 46 326
192 66
193 47 27
196 6c
197 6c 335
198 4b 27
199 6b 314
19a 6c 335
19b 3bb 338
19d 4e 326
19e 6e 329
19f 4f 335
1a4 27 50
1a5 70 314
1a6 52
1a7 32
1ab 74 326
1ac 27 54
1ad 74 314
1ae 54 328
1b3 27 59
1b4 79 314
1b5 5a 335
1b6 7a 335
1b7 33
1bb 32 335
1bc 35
1bd 73
1bf 70
1c0 6c
1c1 6c 6c
1c3 21
1c4 44 5a 306
1c5 44 7a 306
1c6 64 7a 306
1c7 4c 4a
1c8 4c 6a
1c9 6c 6a
1ca 4e 4a
1cb 4e 6a
1cc 6e 6a
1e4 47 335
1e5 67 335
1f1 44 5a
1f2 44 7a
1f3 64 7a
21c 33
222 38
223 38
224 5a 326
225 7a 326
237 6a
239 278
23c 63 338
23e 54 338
241 3f
244 55 335
246 45 338
247 65 338
248 4a 335
249 6a 335
24c 52
24d 72 335
24e 59 335
24f 79 335
251 61
253 62 314
256 64 328
257 64 314
259 1dd
25a 1dd 2de
25b a793
25f 6a 335
260 67 314
261 67
263 79
266 68 314
268 69 335
269 69
26a 69
26b 6c 334
26d 6c 328
26e 6c 21d
26f 77
271 72 6e 326
272 6e 326
273 6e 328
275 6f 335
276 6f 1d07
279 1df70
27c 72 329
27d 72 328
282 73 328
284 66
28b 75
28f 79
290 7a 328
292 21d
294 3f
295 a7ce
2a0 71 314
2a3 64 7a
2a4 64 21d
2a5 64 291
2a6 74 73
2a7 74 283
2a8 74 255
2a9 66 6e 329
2aa 6c 73
2ab 6c 7a
2b2 1e04d
2b3 18f4
2b8 1e041
2b9 27
2ba 27 27
2bb 27
2bc 27
2bd 27
2be 27
2bf 559
2c2 3c
2c3 3e
2c4 5e
2c6 5e
2c8 27
2ca 27
2cb 27
2d0 3a
2d1 b7
2d3 559
2d7 2d
2d8 2c7
2d9 971
2da b0
2dc 7e
2dd 27 27
2e1 18f3
2e2 18f5
2e3 1e043
2e4 2c1
2ed 167f
2ee 27 27
2f4 27
2f6 27 27
2f8 3a
2fb 2ea
305 304
309 350
30b 301 301
30c 306
30d e48
310 306 307
311 302
315 313
317 650
31a 1ae9
320 331
321 326
322 328
327 326
32e 11b62
336 335
337 338
339 326
342 303
345 328
347 333
348 10efa
357 350
358 307
365 1e08f
366 30a
36e 306
370 2c75
375 2cf
376 418
377 1d0e
37a 2db
37b 254
37d a73f
37f 4a
384 27
391 41
392 42
395 45
396 5a
397 48
398 4f 335
399 6c
39a 4b
39b 245
39c 4d
39d 4e
39f 4f
3a1 50
3a3 1a9
3a4 54
3a5 59
3a7 58
3b1 61
3b2 df
3b3 79
3b4 1e9f
3b5 a793
3b7 6e 329
3b8 4f 335
3b9 69
3ba 138
3bd 76
3bf 6f
3c1 70
3c3 6f
3c4 1d1b
3c5 75
3c6 278
3d0 df
3d1 4f 335
3d2 59
3d5 278
3d6 3c0
3db 3c2
3dc 46
3e4 427
3e5 447
3e8 32
3e9 1a8
3ec 36
3ed 6f
3f0 138
3f1 70
3f2 63
3f3 6a
3f4 4f 335
3f5 a793
3f7 de
3f8 70
3f9 43
3fa 4d
3fd 186
3ff a73e
404 a792
405 53
406 6c
408 4a
410 41
411 62 304
412 42
413 393
415 45
417 33
41a 4b
41b 245
41c 4d
41d 48
41e 4f
41f 3a0
420 50
421 43
422 54
423 59
424 3a6
425 58
42b 62 6c
42c 62
42e 6c 4f
430 61
431 36
432 299
433 72
435 65
437 25c
438 1d0e
43a 138
43c 28d
43d 29c
43e 6f
43f 3c0
440 70
441 63
442 1d1b
443 79
444 278
445 78
448 77
44a 2c9 62
44b 185 69
44c 185
44f 1d19
454 a793
455 73
456 69
458 6a
45b 68 335
45f 75 329
461 77
462 62 335
463 62 335
470 3a8
471 3c8
472 4f 335
473 6f 335
474 56
475 76
478 4f 79
479 6f 79
47c 460 486 487
47d 77 486 487
48a 418 326 306
48b 1d0e 326 306
48c 62 335
48d 62 335
490 393 27
491 72 27
492 393 335
493 72 335
496 416 329
497 436 329
498 33 326
499 25c 326
49a 4b 329
49b 138 329
49e 4b 335
49f 138 335
4a2 48 329
4a3 29c 329
4aa 43 326
4ab 63 326
4ac 54 329
4ad 1d1b 329
4ae 59
4af 79
4b0 59 335
4b1 79 335
4b2 58 329
4ba 68
4bb 68
4bd 65
4be 4bc 328
4bf 65 328
4c0 6c
4c5 245 326
4c6 43b 326
4c7 48 326
4c8 29c 326
4c9 48 326
4ca 29c 326
4cb 4b6
4cc 4b7
4cd 4d 326
4ce 28d 326
4cf 6c
4d4 41 45
4d5 61 65
4d8 18f
4d9 1dd
4e0 33
4e1 21d
4e8 4f 335
4e9 6f 335
501 64
50a 1f6
50c 47
50d 262
510 190
511 a793
51a 51
51b 71
51c 57
51d 77
53b 12ae
544 1206
545 33
54a 1323
54c 1261
54d 55
54f 53
553 3a6
555 4f
55a 27
55b 27
55d 27
560 72 6e
561 77
563 71
566 71
56e 1e9f
570 68
572 6e 329
575 6a
578 6e
57a 270
57c 6e
57d 75
581 67
582 69
584 66
585 6f
586 24
587 565 69
589 3a
59c 301
59d 301
5a4 59a
5a8 599
5ad 596
5ae 598
5af 30a
5b0 5c8
5b4 323
5b9 307
5ba 307
5bc 5c9
5c0 6c
5c1 307
5c2 307
5c3 3a
5c4 307
5c5 323
5d5 6c
5d8 76
5d9 27
5df 6c
5e1 6f
5f0 6c 6c
5f1 6c 27
5f2 27 27
5f3 27
5f4 27 27
609 b0 2f 2080 2080
60a b0 2f 2080 2080 2080
60d 2c
60f 639
618 301
619 313
61a 650
627 6c
629 6f 308
62b 649 6db
634 633 6db
63d 649 302
63f 649 6db
640 5f
647 6f
64a 649
64b 301 301
64e 301
64f 313
651 10d27
652 30a
653 303
656 329
657 312
658 306
659 304
65a 306
65b 302
65c 323
65d 314
65f 655
660 2e
661 6c
665 6f
667 56
668 245
66a b0 2f 2080
66b 2c
66c 60c
66d 2a
66e 649
66f 6a1
670 e48
672 6c 674
673 6c 655
675 6c 674
676 648 674
677 648 313 674
678 649 674
679 649 615
67a 62a
67e 649 6db
681 62d 654
685 62d 6db
688 62f 615
68b 68a 615
68e 62f 6db
68f 62f 6db
691 631 615
692 631 306
698 631 6db
69e 635 6db
69f 637 6db
6a4 6a1 6db
6a7 641
6a8 6a1 6db
6a9 643
6aa 643
6ad 643 6db
6b4 6af 6db
6b5 644 306
6b7 644 6db
6ba 649
6bb 649 615
6bd 649 6db
6be 6f
6c1 6f
6c3 6f 308
6c4 6c5
6c6 648 306
6c7 648 313
6c8 648 e48
6c9 648 302
6cb 648 6db
6cc 649
6ce 649 306
6d0 67b
6d1 649 6db
6d2 649
6d4 2d
6d5 6f
6df 30a
6e8 306 307
6ec 307
6ee 62f 302
6ef 631 302
6f0 2e
6f1 6c
6f2 662
6f3 663
6f4 664
6f5 6f
6f6 666
6f7 56
6f8 245
6f9 669
6fd 621 10efa
6fe 645 10efa
6ff 6f 302
701 2e
702 2e
703 3a
704 3a
73c 323
740 307
741 307
742 323
747 301
751 628 6db
752 649 6db
756 649 306
762 6ac
763 643 6db
767 754
768 646 615
769 646 306
76c 631 654
771 697 615
772 62d 654
77e 633 302
7a6 301
7a7 301 301
7a8 650
7a9 650 650
7aa 350
7ab 350 350
7ad 7ac 7ac
7ae 7ac 350
7b0 30a
7c0 4f
7ca 6c
7cb 6f
7cc 59
7d3 46
7d5 62
7e0 54
7e1 394
7eb 304
7ed 307
7ee 302
7f2 323
7f3 308
7f4 27
7f5 27
7fa 5f
81b 303
82c 30a
830 b7
831 3a
840 6f
84f 643
858 639
85a 331
85b 323
861 b90
867 631
88f 649 30a
8a1 628 654
8a4 6a2 6db
8a7 645 6db
8a8 649 674
8a9 754
8ae 62f 324 323
8af 635 324 323
8b0 6af
8b1 648
8b2 632 302
8b6 628 6e2
8b7 649 6db 6e2
8b9 631 306 307
8ba 649 306 307
8bb 6a1
8bc 6a1
8bd 649
8be 649 6db 306
8bf 62a 306
8c0 649 615 306
8c1 686 306
8c2 643 306
8e5 64c
8e8 64c
8ea 307
8eb 308
8ed 323
8ee 324
8f0 301 301
8f1 64c
8f2 64d
8f3 313
8f8 350
8f9 354
8fa 355
8ff 350
900 352
901 306 307
902 307
903 3a
904 905 946
906 905 119d1
908 930 94d 907
90d 90f 306
90e 90f 946
910 90f 11b64
911 905 119d1 306
912 905 119d1 946
913 905 119d1 11b64
914 905 119d1 948
92f 119c7
93b 119d1 93a
93c 323
93e 119d1
93f 9bf
945 306
947 11b64
949 119d1 306
952 331
953 300
954 301
956 11b62
957 11b62 11b62
964 6c
965 6c 6c
966 6f
967 669
969 33
970 b0
972 905 306
973 905 93a
974 905 119d1 93a
975 905 94f
97b 917 331
97c 91c 331
97d 3f
97e 921 331
97f 92c 331
981 306 307
986 985 9be
9bc 323
9e0 98b 9c3
9e1 98b 9c3
9e6 6f
9ea 38
9ed 39
9f0 9b0
9fd b0
a02 307
a03 983
a06 a05 a3e
a07 92a 94d 91f 9bf
a08 92a 94d 91f a40
a09 a73 11b62
a0a a73 11b62 11b62
a0f 92a 94d 91f 11b64
a10 a05 948
a14 a05 a4c
a15 935
a1c 924 94d 924
a1f 91f
a20 920
a24 909
a27 92a
a2b 922
a2e 92d
a35 939
a38 92e
a3c 323
a3f 9bf
a41 11b62
a42 11b62 11b62
a47 11b64
a48 948
a4b 946
a4d 94d
a66 6f
a67 39
a6a 38
a72 92a 94d 91f
a76 b7
a81 306 307
a82 307
a83 3a
a86 a85 abe
a8d a85 ac5
a8f a85 ac7
a90 a85 ac8
a91 a85 abe ac5
a93 a85 abe ac7
a94 a85 abe ac8
aaa 447
ab0 968
abc 323
abd 93d
ac1 941
ac2 942
acd 94d
ae6 6f
ae8 968
ae9 33
aea 96a
aeb 447
aee 96e
af0 b0
b01 306 307
b03 38
b06 b05 b3e
b20 4f
b3c 323
b53 307
b54 308
b66 6f
b68 39
b82 30a
b8a b89 bb3
b9c b90
baa 11fc8
bb0 b88
bb8 bb6
bbe b88
bc8 ba9
bcd 307
bd7 bb3
be6 6f
be7 b95
be8 b89
bea b9a
beb b88 bc1
bec b9a bc1
bed b8e
bee b85
bf0 baf
bf2 b9a bc2
bf4 bae bc0
bf5 bf3
bf7 b8e bb5
bf8 bb7
bfa ba8 bc0
c00 306 307
c02 6f
c03 983
c04 30a
c13 c12 c55
c14 c12 c4c
c16 c96 323
c20 c30 5c9
c22 c21 323
c25 c27 5c9
c2d c2c 323
c2e c35 c41
c37 c35 323
c39 c35 c3e
c42 c41 c3e
c44 c43 c3e
c60 c0b c3e
c61 c0c c3e
c66 6f
c81 306 307
c82 6f
c83 983
c85 c05
c86 c06
c87 c07
c90 c10
c92 c12
c93 c12 c55
c94 c12 c4c
c97 c17
c9c c1c
c9d c1d
c9e c1e
c9f c1f
ca3 c23
ca6 c26
ca8 c28
caf c2f
cb0 c30
cb1 c31
cb2 c32
cb3 c33
cbf c3f
cc1 c41
cc3 c43
cdc c5c
ce1 c8c cbe
ce6 4f
ce7 c67
ce8 c68
cef c6f
d00 30a
d01 306 307
d02 6f
d03 983
d08 d07 d57
d09 b89
d0a b89 d57
d0c d28 d41
d10 bc6 d0e
d13 d12 d3e
d14 d12 d57
d16 bb5
d19 d28 d41
d1c b90
d1f 73
d20 6f
d23 ba3
d25 bae
d31 d30
d34 bb4
d36 bb6
d3a b9f bbf
d3f bbf
d40 bbf
d42 d41
d43 d41
d46 bc6
d47 bc7
d48 bc6 bc6
d4e 971
d5a d28 d4d d2e
d5f 6f d30 6f
d61 d1e
d66 6f
d6a d30 d4d
d6b d26 d4d d30
d6c d28 d4d d28
d6d 39
d6e d35 d4d d30
d6f d28 d4d
d76 d39 d4d d2e
d79 d28 d41
d7a ba3 d4d
d7b d28 d4d
d7c d30 d4d
d7d d32 d4d
d7e d33 d4d
d82 6f
d83 983
d8d dc3 dd8
d92 d91 dca
d93 d91 dd9
db5 d91
db6 d9b
db9 d94
dc0 da0
dc4 db7
ddb dd9 dd9
de9 de8 dcf
dea da2
deb daf
def de8 dd3
df2 dd8 dd8
e03 e02
e0b e0a
e0f e0e
e14 e04
e15 e04
e17 e11
e21 e06
e26 e20
e29 ea9
e33 30a e32
e3a 323
e41 e40 e40
e45 e32
e4d 30a
e50 6f
e88 e08
e8d e22
e9a e1a
e9b e1b
e9d e1d
e9e e1e
e9f e1f
eb3 30a eb2
eb8 e38
eb9 e39
eba 323
ec1 ec0 ec0
ec8 e48
ec9 e49
eca e4a
ecb e4b
ecd 30a
ed0 6f
edc eab e99
edd eab ea1
f00 f68 f7c 30a
f02 f60 f74 f82 983
f03 f60 f74 f82 f14
f0c f0b
f0e f0d f0d
f1b f1a f1a
f1e f1d f1d
f1f f1a f1d
f37 325
f59 f45 f39
f5a f46 f39
f5b f47 f39
f6a f62
f77 fb2 f71 f80
f79 fb3 f71 f80
f7b f7a f7a
f7d f7c f7c
f7e 30a
f7f 983
fb0 f71
fce f1d f1a
fd5 5350
fd6 534d
1000 d30 102c
1002 d30
1004 63
1010 6f 102c
1018 1041 102c
101d 6f
101f 1015 102c
1022 1075 102c
1023 d30 102c 1039 d30 102c
1029 101e 103c
102a 101e 103c b47 102c 103a
1031 b47
1036 30a
1037 325
1038 983
1040 6f
104a 6c
104b 6c 6c
105a 63
1061 101b 103e
1065 1041
1066 1015 103e
106f 1015 102c 103e
1070 1003 103e
1073 302
107e 107d 103e
1081 d30 103e
109e 1083 30a
10a0 a786
10b9 68
10bd 53
10c7 32
10cd 5a
10d7 6f 102c
10d8 d30
10e7 79
10f3 21d
10fd 53
10ff 6f
1101 1100 1100
1104 1103 1103
1108 1107 1107
110a 1109 1109
110b 6f
110d 110c 110c
1113 1102 1100
1114 1102 1102
1115 1102 1103
1116 1102 1107
1117 1103 1100
1118 1105 1102
1119 1105 1105
111a 1105 1112
111b 1105 6f
111c 1106 1107
111d 1106 6f
111e 1107 1100
111f 1107 1102
1120 1107 1103
1121 1107 1109
1122 1107 1109 1100
1123 1107 1109 1103
1124 1107 1109 1107
1125 1107 1109 1109
1126 1107 1109 110c
1127 1107 110c
1128 1107 110e
1129 1107 1110
112a 1107 1111
112b 1107 6f
112c 1107 1107 6f
112d 1109 1100
112e 1109 1102
112f 1109 1103
1130 1109 1105
1131 1109 1106
1132 1109 1107
1133 1109 1107 1100
1134 1109 1109 1109
1135 1109 6f
1136 1109 110c
1137 1109 110e
1138 1109 110f
1139 1109 1110
113a 1109 1111
113b 1105 1112
113d 113c 113c
113f 113e 113e
1141 6f 1100
1142 6f 1103
1143 6f 1106
1144 6f 1107
1145 6f 1109
1146 6f 1140
1147 6f 6f
1148 6f 110c
1149 6f 110e
114a 6f 1110
114b 6f 1111
114d 110c 6f
114f 114e 114e
1151 1150 1150
1152 110e 110f
1153 110e 1112
1156 1111 1107
1157 1111 6f
1158 1112 1112
115a 1100 1103
115b 1102 1109
115c 1102 110c
115d 1102 1112
115e 1103 1105
1162 1161 4e28
1164 1163 4e28
1166 1165 4e28
1168 1167 4e28
116a 1169 1161
116b 1169 1161 4e28
116c 1169 4e28
116f 116e 1165
1170 116e 1165 4e28
1171 116e 4e28
1173 30fc
1174 30fc 4e28
1175 4e28
1176 1161 1169
1177 1161 116e
1178 1163 1169
1179 1163 116d
117a 1165 1169
117b 1165 116e
117c 1165 30fc
117d 1167 1169
117e 1167 116e
117f 1169 1165
1180 1169 1165 4e28
1181 1169 1167 4e28
1182 1169 1169
1183 1169 116e
1184 116d 1163
1185 116d 1163 4e28
1186 116d 1163
1187 116d 1169
1188 116d 4e28
1189 116e 1161
118a 116e 1161 4e28
118b 116e 1165 30fc
118c 116e 1167 4e28
118d 116e 116e
118e 1172 1161
118f 1172 1165
1190 1172 1165 4e28
1191 1172 1167
1192 1172 1167 4e28
1193 1172 116e
1194 1172 4e28
1195 30fc 116e
1196 30fc 30fc
1197 30fc 4e28 116e
1198 4e28 1161
1199 4e28 1163
119a 4e28 1169
119b 4e28 116e
119c 4e28 30fc
119d 4e28 119e
119f 119e 1165
11a0 119e 116e
11a1 119e 4e28
11a2 119e 119e
11a3 1161 30fc
11a4 1163 116e
11a5 1167 1163
11a6 1169 1163
11a7 1169 1163 4e28
11a8 1100
11a9 1100 1100
11aa 1100 1109
11ab 1102
11ac 1102 110c
11ad 1102 1112
11ae 1103
11af 1105
11b0 1105 1100
11b1 1105 1106
11b2 1105 1107
11b3 1105 1109
11b4 1105 1110
11b5 1105 1111
11b6 1105 1112
11b7 1106
11b8 1107
11b9 1107 1109
11ba 1109
11bb 1109 1109
11bc 6f
11bd 110c
11be 110e
11bf 110f
11c0 1110
11c1 1111
11c2 1112
11c3 1100 1105
11c4 1100 1109 1100
11c5 1102 1100
11c6 1102 1103
11c7 1102 1109
11c8 1102 1140
11c9 1102 1110
11ca 1103 1100
11cb 1103 1105
11cc 1105 1100 1109
11cd 1105 1102
11ce 1105 1103
11cf 1105 1103 1112
11d0 1105 1105
11d1 1105 1106 1100
11d2 1105 1106 1109
11d3 1105 1107 1109
11d4 1105 1107 1112
11d5 1105 1107 6f
11d6 1105 1109 1109
11d7 1105 1140
11d8 1105 110f
11d9 1105 1159
11da 1106 1100
11db 1106 1105
11dc 1106 1107
11dd 1106 1109
11de 1106 1109 1109
11df 1106 1140
11e0 1106 110e
11e1 1106 1112
11e2 1106 6f
11e3 1107 1105
11e4 1107 1111
11e5 1107 1112
11e6 1107 6f
11e7 1109 1100
11e8 1109 1103
11e9 1109 1105
11ea 1109 1107
11eb 1140
11ec 6f 1100
11ed 6f 1100 1100
11ee 6f 6f
11ef 6f 110f
11f0 114c
11f1 6f 1109
11f2 6f 1140
11f3 1111 1107
11f4 1111 6f
11f5 1112 1102
11f6 1112 1105
11f7 1112 1106
11f8 1112 1107
11f9 1159
11fa 1100 1102
11fb 1100 1107
11fc 1100 110e
11fd 1100 110f
11fe 1100 1112
11ff 1102 1102
1200 55
1223 270
1240 3a6
1260 548
1294 571
12d0 4f
1340 4f 335
135e 307
135f 308
1361 3a
1365 f7
1393 3a
13a0 44
13a1 52
13a2 54
13a4 4f 31b
13a5 69
13a8 2c75
13a9 59
13aa 41
13ab 4a
13ac 45
13ae 3f
13b0 2c75
13b1 393
13b3 57
13b7 4d
13bb 48
13bd 59
13be 4f 335
13bf 74 326
13c0 47
13c2 68
13c3 5a
13c7 460
13cb 190
13cc 55 335
13ce 34
13cf 62
13d2 52
13d4 57
13d5 53
13d9 56
13da 53
13de 4c
13df 43
13e2 50
13e6 4b
13e7 64
13eb 4f 335
13ee 36
13f0 df
13f2 68 314
13f3 47
13f4 42
13fb 262
13fc 299
1400 3d
1403 394
140c b7 1401
140d 1401 b7
140e b7 394
140f 394 b7
1410 b7 1404
1411 1404 b7
1412 b7 1405
1413 1405 b7
1414 b7 1406
1415 1406 b7
1417 b7 140a
1418 140a b7
1419 b7 140b
141a 140b b7
1424 b0
1427 b7
1428 2c9
1429 2b
142b 1401 1420
142c 394 1420
142d 1405 1420
142e 140a 1420
142f 56
1431 245
1433 3e
1437 b7 3e
1438 3c
143a b7 56
143b 56 b7
143c b7 245
143d 245 b7
143e b7 1432
143f 1432 b7
1440 b7 3e
1441 3e b7
1442 b7 1434
1443 1434 b7
1444 b7 3c
1445 3c b7
1446 b7 1439
1447 1439 b7
144a 27
144c 55
144e 548
1454 b7 1450
1457 b7 55
1458 55 b7
1459 b7 548
145a 548 b7
145b b7 144f
145c 144f b7
145d b7 1450
145e 1450 b7
145f b7 1451
1460 1451 b7
1461 b7 1455
1462 1455 b7
1463 b7 1456
1464 1456 b7
1467 55 27
1468 548 27
1469 1450 27
146a 1455 27
146d 50
146f 64
1472 62
1473 62 307
1474 b7 146b
1475 146b b7
1476 b7 50
1477 70 b7
1478 b7 146e
1479 146e b7
147a b7 64
147b 64 b7
147c b7 1470
147d 1470 b7
147e b7 62
147f 62 b7
1480 b7 62 307
1481 62 307 b7
1485 146b 27
1486 50 27
1487 64 27
1488 62 27
148d 4a
1492 b7 1489
1493 1489 b7
1494 b7 148b
1495 148b b7
1496 b7 148c
1497 148c b7
1498 b7 4a
1499 4a b7
149a b7 148e
149b 148e b7
149c b7 1490
149d 1490 b7
149e b7 1491
149f 1491 b7
14a5 393
14aa 4c
14ac b7 14a3
14ad 14a3 b7
14ae b7 393
14af 393 b7
14b0 b7 14a6
14b1 14a6 b7
14b2 b7 14a7
14b3 14a7 b7
14b4 b7 14a8
14b5 14a8 b7
14b6 b7 4c
14b7 4c b7
14b8 b7 14ab
14b9 14ab b7
14bf 32
14c9 b7 14c0
14ca 14c0 b7
14cb b7 14c7
14cc 14c7 b7
14cd b7 14c8
14ce 14c8 b7
14d1 1421
14dc b7 14d3
14dd 14d3 b7
14de b7 14d5
14df 14d5 b7
14e0 b7 14d6
14e1 14d6 b7
14e2 b7 14d7
14e3 14d7 b7
14e4 b7 14d8
14e5 14d8 b7
14e6 b7 14da
14e7 14da b7
14e8 b7 14db
14e9 14db b7
14f6 b7 14ed
14f7 14ed b7
14f8 b7 14ef
14f9 14ef b7
14fa b7 14f0
14fb 14f0 b7
14fc b7 14f1
14fd 14f1 b7
14fe b7 14f2
14ff 14f2 b7
1500 b7 14f4
1501 14f4 b7
1502 b7 14f5
1503 14f5 b7
150c 150b 3c
150d 150b 1455
150e 150b 62
150f 150b 1490
1517 b7 1510
1518 1510 b7
1519 b7 1511
151a 1511 b7
151b b7 1512
151c 1512 b7
151d b7 1513
151e 1513 b7
151f b7 1514
1520 1514 b7
1521 b7 1515
1522 1515 b7
1523 b7 1516
1524 1516 b7
152f b7 34
1530 34 b7
1531 b7 1528
1532 1528 b7
1533 b7 1529
1534 1529 b7
1535 b7 152a
1536 152a b7
1537 b7 152b
1538 152b b7
1539 b7 152d
153a 152d b7
153b b7 152e
153c 152e b7
1540 2b
1541 78
154e b7 154c
154f 154c b7
155b b7 155a
155c 155a b7
1568 b7 1567
1569 1567 b7
156f 2a 2a
1577 1e9f
157c 48
157d 78
157e 1550 146c
157f 1550 50
1580 1550 146e
1581 1550 64
1582 1550 1470
1583 1550 62
1584 1550 62 307
1585 1550 1483
1586 42f
1587 52
158e 1595 148a
158f 1595 148b
1590 1595 148c
1591 1595 4a
1592 1595 148e
1593 1595 1490
1594 1595 1491
15af 62
15b4 46
15b5 2132
15b7 a7fb
15c4 2c6f
15c5 41
15de 44
15ea 44
15ef 460
15f0 4d
15f7 42
1602 1490
1603 1489
1604 14d3
1607 14da
1616 32
1622 1543
1623 1546
1624 154a
162e 1b1
162f 3a9
1634 1b1
1635 3a9
166d 58
166e 78
166f 1550 146b
1670 1595 1489
1671 1596 148b
1672 1596 148c
1673 1596 4a
1674 1596 148e
1675 1596 1490
1676 1596 1491
1677 15a7 b7
1678 15a8 b7
1679 15a9 b7
167a 15aa b7
167b 15ab b7
167c 15ac b7
167d 15ad b7
1680 20
16a6 de
16b2 3c
16b7 58
16c1 6c
16c2 16bd
16c5 6c 338
16cc 27
16d0 6c
16d5 4b
16d6 4d
16d8 3a8
16e1 16bc
16eb b7
16ec 3a
16ed 2b
16f0 3a6
1702 33
172a 37
1734 1715
1735 2f
174d 2d
1752 304
1763 78
178f 178a
17a1 1791 17d2 1794
17a3 17a2
17a4 17a2 17b6
17b0 1796 17d2 1792
17b7 e34
17b8 e35
17b9 e36
17ba e37
17be 17c1 e35
17c4 17c1 17b6
17c6 30a
17c7 983
17cb e48
17d3 30a
17d4 e2f
17d5 e5a
17d9 e4f
17da e5b
17e0 6f
1803 3a
1809 3a
1855 1835
1896 185c
18b3 b7 18b1
18b6 b7 18b4
18b9 b7 18b8
18c2 b7 18c0
18c6 b7 14c2
18c7 14c2 b7
18c8 b7 14c3
18c9 14c3 b7
18ca b7 14c4
18cb 14c4 b7
18cc b7 14c5
18cd 14c5 b7
18ce b7 1543
18cf b7 1546
18d0 b7 1547
18d1 b7 1548
18d2 b7 1549
18d3 b7 154b
18d4 5e
18db 18f5
18dc 971 141e
18dd 141e 971
18de b0
18df 971
18e0 1543 b7
18e3 155e b7
18e4 1566 b7
18e5 156b b7
18e8 42f b7
18ea 1597 b7
18ed 460 b7
18f0 15f4 b7
18f2 161b b7
1935 447
1999 105d
19d0 199e
19d1 19b1
1a20 d30 102c
1a23 d30
1a32 6f 102c
1a37 1015
1a3d 1041 102c
1a3f 101a
1a45 6f
1a48 101e
1a54 103f
1a55 103c
1a56 1039 101c
1a5d 1039 1015
1a5e 1039 101e
1a60 1039
1a62 1034
1a63 102c
1a64 102b
1a74 30a
1a7f 325
1a80 6f
1a90 6f
1aa9 1aa8 1aa8
1aab 1aaa 1aa8
1ab4 6db
1ab7 328
1ad9 1ac6
1ae2 304
1ae7 1ae5
1ae8 304 304
1b52 1b0d
1b53 1b11
1b58 1b28
1b5c 1b50
1b5f 1b5e 1b5e
1b80 30a
1bc7 30fc
1bea 6f
1bec 78
1bf3 2d
1c2e 308
1c37 323
1c3c 1c3b 1c3b
1c7f 1c7e 1c7e
1c82 6f
1c83 63
1c84 37
1c95 33
1cb7 32
1cbd 53
1cbf 4f
1cd0 302
1cd2 304
1cd3 27 27
1cd5 32b
1cd8 11b62
1cd9 32d
1cda 30e
1cdc 329
1cdd 323
1cde 324
1ced 316
1cf4 306
1cf5 58
1cf8 30a
1d04 63
1d08 25c
1d0b 138
1d0d 28d
1d0f 6f
1d10 254
1d11 6f
1d14 1dd 6f
1d1c 75
1d20 76
1d21 77
1d22 7a
1d24 1a8
1d26 72
1d27 28c
1d28 3c0
1d29 1d18
1d2b 43b
1d35 1e050
1d37 1e039
1d3e 18d6
1d40 1e040
1d43 1e030
1d49 1e035
1d4a 1e04b
1d4c 1e037
1d52 b0
1d56 1e03e
1d62 1e068
1d6b 75 65
1d6e 66 334
1d6f 72 6e 334
1d70 6e 334
1d72 72 334
1d73 27e 334
1d74 73 334
1d75 74 334
1d76 7a 334
1d78 1d34
1d7b 69 335
1d7c 69 335
1d7d 70 335
1d7e 75 335
1d7f 28a 335
1d83 67
1d8c 79
1d8f 1df69
1d90 24b
1d99 1df7b
1d9c 1e03f
1d9f 1e037
1da2 1d4d
1db1 1e04e
1db2 1e042
1dba 5e
1dbb 1646
1de8 1ada
1dee 2dec
1dfe 7ac
1e9a 61 27
1e9d 66
1e9e df
1efa 6c 4c
1eff 79
1fbd 27
1fbf 27
1fc0 7e
1ffe 27
2002 20
2003 20
2004 20
2005 20
2006 20
2007 20
2008 20
2009 20
200a 20
2010 2d
2011 2d
2012 2d
2013 2d
2014 30fc
2015 30fc
2016 6c 6c
2018 27
2019 27
201a 2c
201b 27
201c 27 27
201d 27 27
201f 27 27
2022 b7
2024 2e
2025 2e 2e
2026 2e 2e 2e
2027 b7
2028 20
2029 20
202f 20
2030 b0 2f 2080 2080
2031 b0 2f 2080 2080 2080
2032 27
2033 27 27
2034 27 27 27
2035 27
2036 27 27
2037 27 27 27
2039 3c
203a 3e
203c 21 21
203e 2c9
2041 2f
2043 2d
2044 2f
2047 3f 3f
2048 3f 21
2049 21 3f
204e 2a
2052 b0 2f 2080
2053 7e
2057 27 27 27 27
205a 3a
205d 2d57
205e 2d42
205f 20
2070 b0
2071 1e04c
2079 a770
207c 167f
2090 1e051
2091 1e056
2092 1e05c
2093 1e061
209b 1e069
20a1 43 20eb
20a4 a3
20a5 72 6e 338
20a8 52 73
20a9 57 335
20ab 64 335 331
20ac a792
20ad 4b 335
20ae 54 20eb
20b6 6c 74
20bd 554
20c1 631 649 6c 644
20db 6db
2100 61 2f 63
2101 61 2f 73
2102 43
2103 b0 43
2105 63 2f 6f
2106 63 2f 75
2107 190
2108 42d
2109 b0 46
210a 67
210b 48
210c 48
210d 48
210e 68
210f 68 335
2110 6c
2111 6c
2112 4c
2113 6c
2115 4e
2116 4e 6f
2119 50
211a 51
211b 52
211c 52
211d 52
2121 54 45 4c
2124 5a
2127 1b1
2128 5a
2129 27f
212c 42
212d 43
212e 65
212f 65
2130 45
2131 46
2133 4d
2134 6f
2135 5d0
2136 5d1
2137 5d2
2138 5d3
2139 69
213b 46 41 58
213c 3c0
213d 79
213e 393
213f 3a0
2140 1a9
2141 a4e8
2142 a4f6
2143 16f00
2145 44
2146 64
2147 65
2148 69
2149 6a
2153 6c 2f 33
2154 32 2f 33
2155 6c 2f 35
2156 32 2f 35
2157 33 2f 35
2158 34 2f 35
2159 6c 2f 36
215a 35 2f 36
215b 6c 2f 38
215c 33 2f 38
215d 35 2f 38
215e 37 2f 38
215f 6c 2f
2160 6c
2161 6c 6c
2162 6c 6c 6c
2163 6c 56
2164 56
2165 56 6c
2166 56 6c 6c
2167 56 6c 6c 6c
2168 6c 58
2169 58
216a 58 6c
216b 58 6c 6c
216c 4c
216d 43
216e 44
216f 4d
2170 69
2171 69 69
2172 69 69 69
2173 69 76
2174 76
2175 76 69
2176 76 69 69
2177 76 69 69 69
2178 69 78
2179 78
217a 78 69
217b 78 69 69
217c 6c
217d 63
217e 64
217f 72 6e
2183 186
2184 254
218a ab6c
2191 16cf
2195 16e8
21b5 21b2
21ba 1f10e
21be 16da
21bf 6c
21c4 1f8d0
21cc 1f8d1
2200 2c6f
2203 18e
2205 4f 338
2206 394
220f 3a0
2211 1a9
2212 2d
2214 2b 307
2215 2f
2216 5c
2217 2a
2218 b0
2219 b7
221e 6f 6f
2223 6c
2225 6c 6c
2228 76
2229 548
222a 55
222b 283
222c 283 283
222d 283 283 283
222f 222e 222e
2230 222e 222e 222e
2236 3a
2237 3a 3a
2238 2d 307
223c 7e
2250 3d 307
2251 3d 323 307
2254 3a 3d
2255 3d 3a
2257 3d 30a
2259 3d 302
225a 3d 306
225e 3d 36b
2263 2261
226a 3c 3c
226b 3e 3e
2282 1455
2283 1450
2295 102a8
2296 4f 335
2299 298
229d 4f 335
22a4 54
22a5 a4d5
22c0 2227
22c1 76
22c2 548
22c3 55
22c4 16dc
22c5 b7
22c8 16de
22d6 3c b7
22d7 b7 3e
22d8 3c 3c 3c
22d9 3e 3e 3e
22ee 2d57
22ef b7 b7 b7
22f4 a793
22ff 45
2300 4f 338
2325 2324
2341 303c
2359 394 332
235a 16dc 332
235c b0 332
235f 229b
2361 54 308
2362 2207 308
2363 22c6 308
2364 b0 308
2365 4f 308
2366 3c8
2368 7e 308
2369 1435
236b 2207 334
236c 4f 335
2373 69
2374 70
2375 3c9
2376 61 332
2377 a793 332
2378 69 332
2379 3c9 332
237a 61
237f 16bd
239c 4e28
239f 4e28
23a2 4e28
23a5 4e28
23aa 4e28
23ae 4e28
23c1 2355
23c2 234e
23c3 234b
23c6 236d
23e8 2081 2080
23fc 23fb
23fd 6c
23fe 263e
244a 5c 5c
2460 2780
2461 2781
2462 2782
2463 2783
2464 2784
2465 2785
2466 2786
2467 2787
2468 2788
2469 2789
2474 28 6c 29
2475 28 32 29
2476 28 33 29
2477 28 34 29
2478 28 35 29
2479 28 36 29
247a 28 37 29
247b 28 38 29
247c 28 39 29
247d 28 6c 4f 29
247e 28 6c 6c 29
247f 28 6c 32 29
2480 28 6c 33 29
2481 28 6c 34 29
2482 28 6c 35 29
2483 28 6c 36 29
2484 28 6c 37 29
2485 28 6c 38 29
2486 28 6c 39 29
2487 28 32 4f 29
2488 6c 2e
2489 32 2e
248a 33 2e
248b 34 2e
248c 35 2e
248d 36 2e
248e 37 2e
248f 38 2e
2490 39 2e
2491 6c 4f 2e
2492 6c 6c 2e
2493 6c 32 2e
2494 6c 33 2e
2495 6c 34 2e
2496 6c 35 2e
2497 6c 36 2e
2498 6c 37 2e
2499 6c 38 2e
249a 6c 39 2e
249b 32 4f 2e
249c 28 61 29
249d 28 62 29
249e 28 63 29
249f 28 64 29
24a0 28 65 29
24a1 28 66 29
24a2 28 67 29
24a3 28 68 29
24a4 28 69 29
24a5 28 6a 29
24a6 28 6b 29
24a7 28 6c 29
24a8 28 72 6e 29
24a9 28 6e 29
24aa 28 6f 29
24ab 28 70 29
24ac 28 71 29
24ad 28 72 29
24ae 28 73 29
24af 28 74 29
24b0 28 75 29
24b1 28 76 29
24b2 28 77 29
24b3 28 78 29
24b4 28 79 29
24b5 28 7a 29
24b8 a9
24c5 2117
24c7 ae
24db 24be
24ea 1f10d
2500 30fc
2501 30fc
2502 6c
2503 6c
250f 250c
2523 251c
256a 1c2
2571 2f
2572 5c
2573 58
2588 220e
2590 258c
2594 2c9
2597 2596
259d 2598
25a0 220e
25aa 220e
25b1 23e5
25b3 394
25b7 22b3
25b8 25b6
25ba 25b6
25bd 102bc
25c1 22b2
25c7 16dc
25ca 16dc
25cb b0
25ce 233e
25e0 2312
25e6 b0
2609 298
2610 25a1
2625 1099e
2630 39e
2638 2388
2643 1d1f7
264e 224f
2657 1fa55
265d 1fa57
2662 16dc
2669 1d158 1d165
266a 1d158 1d165 1d16e
26ac b0
2768 28
2769 29
276e 3c
276f 3e
2772 28
2773 29
2774 7b
2775 7d
2795 2b
2796 2d
2797 f7
27c2 a4d5
27c8 5c 1455
27c9 1450 2f
27cb 2f
27cd 5c
27d9 54
27e8 276c
27e9 276d
2800 20
28ff 1cee0
292b 78
292c 78
2963 6c 16da
2965 21c3 21c2
296e 6c 21c2
296f 21c3 16da
2982 983
298b 5b 331
298c 5d 331
2999 2d42
29b0 2349
29b5 1cef0
29be 233e
29c4 303c
29c5 2342
29c7 233b
29d6 102c0
29d9 299a
29e2 77
29f4 3a 2192
29f5 5c
29f6 2f 304
29f8 2f
29f9 5c
2a00 298
2a01 102a8
2a02 2297
2a03 228d
2a04 228e
2a05 2293
2a06 2294
2a0c 283 283 283 283
2a1d 16de
2a20 3e 3e
2a21 16da
2a22 2b 30a
2a23 2b 302
2a24 2b 303
2a25 2b 323
2a26 2b 330
2a27 2b 2082
2a29 2d 313
2a2a 2d 323
2a2f 78
2a30 78 307
2a3d 2319
2a3e 2a1f
2a3f 2210
2a66 3d 323
2a6a 7e 307
2a6e 3d 20f0
2a74 3a 3a 3d
2a75 3d 3d
2a76 3d 3d 3d
2aa5 3e 3c
2aaa 15d5
2aab 15d2
2ad7 1450 1455
2afb 2f 2f 2f
2afd 2f 2f
2b96 3d 1ab2
2bd8 5d b7 5b
2bec 219e
2bed 219f
2bee 21a0
2bef 21a1
2c67 48 329
2c69 4b 329
2c6b 5a
2c6c 7a
2c82 42
2c83 299
2c84 393
2c85 72
2c86 394
2c88 a792
2c89 a793
2c8b 3c2
2c8c 5a
2c8d 7a
2c8e 48
2c8f 29c
2c90 4f 335
2c91 6f 335
2c92 6c
2c93 69
2c94 4b
2c95 138
2c96 3bb
2c97 28c
2c98 4d
2c99 28d
2c9a 4e
2c9b 274
2c9c 33
2c9d 293
2c9e 4f
2c9f 6f
2ca0 3a0
2ca1 3c0
2ca2 50
2ca3 70
2ca4 43
2ca5 63
2ca6 54
2ca7 1d1b
2ca8 59
2ca9 79
2caa 3a6
2cab 278
2cac 58
2cad 3c7
2cae 3a8
2caf 3c8
2cb0 a64c
2cb1 3c9
2cb2 2d 307
2cb3 2d 307
2cb4 3c b7
2cb5 3c b7
2cb6 39e
2cb7 2261
2cba 2d
2cbb 2d
2cbc 428
2cbd 77
2cc0 554
2cc1 3fc
2cc4 33
2cc5 21d
2cc6 2f
2cc7 2f
2cca 39
2ccb 39
2ccc 33
2ccd 21d
2cce 50
2ccf 70
2cd0 4c
2cd1 29f
2cd2 36
2cd3 36
2cdc 36
2cdd 1e9f
2ce0 278
2ce1 278
2ce4 3d7
2ce8 554
2ce9 2627
2cf9 5c 5c
2cff 27
2d2d 7a
2d31 4f 335
2d37 245
2d38 56
2d39 45
2d3a 18e
2d41 4f 338
2d48 b7 b7 b7
2d49 1a9
2d4a 6c
2d4f 6c
2d51 21
2d54 4f
2d55 51
2d59 298
2d5d 58
2d60 394
2d63 16ef
2d66 3c
2de8 1ddf
2dea 30a
2ded 368
2dee 1adb
2def 36f
2df6 363
2df7 364
2e12 2c
2e1a 2d 308
2e1e 7e 307
2e1f 7e 323
2e26 1455
2e27 1450
2e28 28 28
2e29 29 29
2e2a 2235
2e2b 2234
2e2c 3a 3a
2e2e 61f
2e30 b0
2e31 b7
2e32 60c
2e35 61b
2e39 1e9f
2e3d 2d42
2e3f b6
2e40 3d
2e62 28
2e63 29
2e81 5382
2e82 4e5b
2e83 4e5a
2e85 4ebb
2e86 5182
2e87 20628
2e89 5202
2e8a 535c
2e8b 353e
2e8e 5140
2e8f 5c23
2e90 5c22
2e91 21bc2
2e92 5df3
2e93 5e7a
2e94 5f51
2e95 5f50
2e96 5fc4
2e97 38fa
2e98 624c
2e99 6535
2e9b 65e1
2e9d 6708
2e9e 6b7a
2e9f 6bcd
2ea0 6c11
2ea1 6c35
2ea2 6c3a
2ea3 706c
2ea4 722b
2ea5 722b
2ea6 4e2c
2ea8 72ad
2ea9 738b
2eaa 24d14
2eab 7f52
2eac 793a
2ead 793b
2eae 25ad7
2eaf 7cf9
2eb0 7e9f
2eb1 7f53
2eb2 7f52
2eb3 34c1
2eb4 5197
2eb5 2626b
2eb6 7f8a
2eb7 2634c
2eb8 2634b
2eb9 8002
2eba 8080
2ebb 807f
2ebd 26951
2ebe 8279
2ebf 8279
2ec0 8279
2ec1 864e
2ec2 8864
2ec3 8980
2ec4 897f
2ec5 89c1
2ec6 89d2
2ec7 278b2
2ec8 8ba0
2ec9 8d1d
2eca 27fb7
2ecb 8f66
2ecc 8fb6
2ecd 8fb6
2ece 8fb6
2ecf 961d
2ed0 9485
2ed1 1110 30fc 1102 110c
2ed2 9578
2ed3 957f
2ed4 95e8
2ed5 28e0f
2ed6 961d
2ed8 9752
2ed9 97e6
2eda 9875
2edb 98ce
2edc 98de
2edd 98df
2ede 2967f
2edf 98e0
2ee0 9963
2ee1 29810
2ee2 9a6c
2ee3 9aa8
2ee4 9b3c
2ee5 9c7c
2ee6 9e1f
2ee7 5364
2ee8 9ea6
2ee9 9ec4
2eea 9efe
2eeb 6589
2eec 9f50
2eed 6b6f
2eee 9f7f
2eef 7adc
2ef0 9f99
2ef1 9f9c
2ef2 4e80
2ef3 9f9f
2f00 30fc
2f01 4e28
2f02 5c
2f03 2f
2f04 4e59
2f05 4e85
2f06 4e8c
2f07 4ea0
2f08 4eba
2f09 513f
2f0a 5165
2f0b 516b
2f0c 5182
2f0d 5196
2f0e 51ab
2f0f 51e0
2f10 51f5
2f11 5200
2f12 529b
2f13 52f9
2f14 5315
2f15 531a
2f16 5338
2f17 5341
2f18 535c
2f19 5369
2f1a 5382
2f1b 53b6
2f1c 53c8
2f1d 53e3
2f1e 53e3
2f1f 571f
2f20 571f
2f21 5902
2f22 590a
2f23 5915
2f24 5927
2f25 5973
2f26 5b50
2f27 5b80
2f28 5bf8
2f29 5c0f
2f2a 5c22
2f2b 5c38
2f2c 5c6e
2f2d 5c71
2f2e 5ddb
2f2f 5de5
2f30 5df1
2f31 5dfe
2f32 5e72
2f33 5e7a
2f34 5e7f
2f35 5ef4
2f36 5efe
2f37 5f0b
2f38 5f13
2f39 5f50
2f3a 5f61
2f3b 5f73
2f3c 5fc3
2f3d 6208
2f3e 6236
2f3f 624b
2f40 652f
2f41 6534
2f42 6587
2f43 6597
2f44 65a4
2f45 65b9
2f46 65e0
2f47 65e5
2f48 65e5
2f49 6708
2f4a 6728
2f4b 6b20
2f4c 6b62
2f4d 6b79
2f4e 6bb3
2f4f 6bcb
2f50 6bd4
2f51 6bdb
2f52 6c0f
2f53 6c14
2f54 6c34
2f55 706b
2f56 722a
2f57 7236
2f58 723b
2f59 1102 116e 4e28
2f5a 7247
2f5b 7259
2f5c 725b
2f5d 72ac
2f5e 7384
2f5f 7389
2f60 74dc
2f61 74e6
2f62 7518
2f63 751f
2f64 7528
2f65 7530
2f66 758b
2f67 7592
2f68 7676
2f69 767d
2f6a 76ae
2f6b 76bf
2f6c 76ee
2f6d 77db
2f6e 77e2
2f6f 77f3
2f70 793a
2f71 79b8
2f72 79be
2f73 7a74
2f74 7acb
2f75 7af9
2f76 7c73
2f77 7cf8
2f78 7f36
2f79 7f51
2f7a 7f8a
2f7b 7fbd
2f7c 8001
2f7d 800c
2f7e 8012
2f7f 8033
2f80 807f
2f81 8089
2f82 81e3
2f83 81ea
2f84 81f3
2f85 81fc
2f86 820c
2f87 821b
2f88 821f
2f89 826e
2f8a 8272
2f8b 8278
2f8c 864d
2f8d 866b
2f8e 8840
2f8f 884c
2f90 8863
2f91 897e
2f92 898b
2f93 89d2
2f94 8a00
2f95 8c37
2f96 8c46
2f97 8c55
2f98 8c78
2f99 8c9d
2f9a 8d64
2f9b 8d70
2f9c 8db3
2f9d 8eab
2f9e 8eca
2f9f 8f9b
2fa0 8fb0
2fa1 8fb5
2fa2 9091
2fa3 9149
2fa4 91c6
2fa5 91cc
2fa6 91d1
2fa7 1110 30fc 1102 110c
2fa8 9580
2fa9 961c
2faa 96b6
2fab 96b9
2fac 96e8
2fad 9751
2fae 975e
2faf 9762
2fb0 9769
2fb1 97cb
2fb2 97ed
2fb3 97f3
2fb4 9801
2fb5 98a8
2fb6 98db
2fb7 98df
2fb8 9996
2fb9 9999
2fba 99ac
2fbb 9aa8
2fbc 9ad8
2fbd 9adf
2fbe 9b25
2fbf 9b2f
2fc0 9b32
2fc1 9b3c
2fc2 9b5a
2fc3 9ce5
2fc4 9e75
2fc5 9e7f
2fc6 9ea5
2fc7 9ebb
2fc8 9ec3
2fc9 9ecd
2fca 9ed1
2fcb 9ef9
2fcc 9efd
2fcd 9f0e
2fce 9f13
2fcf 9f20
2fd0 9f3b
2fd1 9f4a
2fd2 9f52
2fd3 9f8d
2fd4 9f9c
2fd5 9fa0
3000 20
3002 2f3
3003 27 27
3007 4f
3008 276c
3009 276d
3012 20b8
3014 28
3015 29
301a 27e6
301b 27e7
301c 7e
302c 30a
302d 325
3033 2f
3036 20b8
3038 5341
3039 8279
303a 5345
304f 276c
3099 ff9e
309a 30a
309b ff9e
309c 30a
30a0 3d
30a4 4ebb
30a8 5de5
30ab 529b
30bf 5915
30c8 535c
30cb 4e8c
30cd 793b
30ce 2f
30cf 516b
30d2 5315
30d8 3078
30e0 53b6
30e8 5f50
30ed 53e3
30fb b7
3111 276c
3112 54
311a 59
3126 513f
3131 1100
3132 1100 1100
3133 1100 1109
3134 1102
3135 1102 110c
3136 1102 1112
3137 1103
3138 1103 1103
3139 1105
313a 1105 1100
313b 1105 1106
313c 1105 1107
313d 1105 1109
313e 1105 1110
313f 1105 1111
3140 1105 1112
3141 1106
3142 1107
3143 1107 1107
3144 1107 1109
3145 1109
3146 1109 1109
3147 6f
3148 110c
3149 110c 110c
314a 110e
314b 110f
314c 1110
314d 1111
314e 1112
314f 1161
3150 1161 4e28
3151 1163
3152 1163 4e28
3153 1165
3154 1165 4e28
3155 1167
3156 1167 4e28
3157 1169
3158 1169 1161
3159 1169 1161 4e28
315a 1169 4e28
315b 116d
315c 116e
315d 116e 1165
315e 116e 1165 4e28
315f 116e 4e28
3160 1172
3161 30fc
3162 30fc 4e28
3163 4e28
3165 1102 1102
3166 1102 1103
3167 1102 1109
3168 1102 1140
3169 1105 1100 1109
316a 1105 1103
316b 1105 1107 1109
316c 1105 1140
316d 1105 1159
316e 1106 1107
316f 1106 1109
3170 1106 1140
3171 1106 6f
3172 1107 1100
3173 1107 1103
3174 1107 1109 1100
3175 1107 1109 1103
3176 1107 110c
3177 1107 1110
3178 1107 6f
3179 1107 1107 6f
317a 1109 1100
317b 1109 1102
317c 1109 1103
317d 1109 1107
317e 1109 110c
317f 1140
3180 6f 6f
3181 114c
3182 6f 1109
3183 6f 1140
3184 1111 6f
3185 1112 1112
3186 1159
3187 116d 1163
3188 116d 1163 4e28
3189 116d 4e28
318a 1172 1167
318b 1172 1167 4e28
318c 1172 4e28
318d 119e
318e 119e 4e28
3192 30fc
3196 4e0a
31a4 30bb
31c6 200cc
31cf 4e40
31d0 30fc
31d1 4e28
31d2 2f
31d3 2f
31d4 5c
31d5 200cd
31d6 4e5b
31d7 200ca
31d8 200ce
31d9 2010c
31da 4e85
31db 276c
31dc 200cb
31dd 4e40
31de 200d1
31df 4e5a
31e0 4e59
31e1 2010e
3200 28 1100 29
3201 28 1102 29
3202 28 1103 29
3203 28 1105 29
3204 28 1106 29
3205 28 1107 29
3206 28 1109 29
3207 28 6f 29
3208 28 110c 29
3209 28 110e 29
320a 28 110f 29
320b 28 1110 29
320c 28 1111 29
320d 28 1112 29
320e 28 1100 1161 29
320f 28 1102 1161 29
3210 28 1103 1161 29
3211 28 1105 1161 29
3212 28 1106 1161 29
3213 28 1107 1161 29
3214 28 1109 1161 29
3215 28 6f 1161 29
3216 28 110c 1161 29
3217 28 110e 1161 29
3218 28 110f 1161 29
3219 28 1110 1161 29
321a 28 1111 1161 29
321b 28 1112 1161 29
321c 28 110c 116e 29
321d 28 6f 1169 110c 1165 1102 29
321e 28 6f 1169 1112 116e 29
3220 28 30fc 29
3221 28 4e8c 29
3222 28 4e09 29
3223 28 56db 29
3224 28 4e94 29
3225 28 516d 29
3226 28 4e03 29
3227 28 516b 29
3228 28 4e5d 29
3229 28 5341 29
322a 28 6708 29
322b 28 706b 29
322c 28 6c34 29
322d 28 6728 29
322e 28 91d1 29
322f 28 571f 29
3230 28 65e5 29
3231 28 682a 29
3232 28 6709 29
3233 28 793e 29
3234 28 540d 29
3235 28 7279 29
3236 28 8ca1 29
3237 28 795d 29
3238 28 52b4 29
3239 28 4ee3 29
323a 28 547c 29
323b 28 5b66 29
323c 28 76e3 29
323d 28 4f01 29
323e 28 8cc7 29
323f 28 5354 29
3240 28 796d 29
3241 28 4f11 29
3242 28 81ea 29
3243 28 81f3 29
3250 50 54 45
32c0 6c 6708
32c1 32 6708
32c2 33 6708
32c3 34 6708
32c4 35 6708
32c5 36 6708
32c6 37 6708
32c7 38 6708
32c8 39 6708
32c9 6c 4f 6708
32ca 6c 6c 6708
32cb 6c 32 6708
32cc 48 67
32cd 65 72 67
32ce 65 56
32cf 4c 54 44
32ff 4ee4 548c
3358 4f 70b9
3359 6c 70b9
335a 32 70b9
335b 33 70b9
335c 34 70b9
335d 35 70b9
335e 36 70b9
335f 37 70b9
3360 38 70b9
3361 39 70b9
3362 6c 4f 70b9
3363 6c 6c 70b9
3364 6c 32 70b9
3365 6c 33 70b9
3366 6c 34 70b9
3367 6c 35 70b9
3368 6c 36 70b9
3369 6c 37 70b9
336a 6c 38 70b9
336b 6c 39 70b9
336c 32 4f 70b9
336d 32 6c 70b9
336e 32 32 70b9
336f 32 33 70b9
3370 32 34 70b9
3371 68 50 61
3372 64 61
3373 41 55
3374 62 61 72
3375 6f 56
3376 70 63
3377 64 72 6e
337a 6c 55
337b 5e73 6210
337c 662d 548c
337d 5927 1d376
337e 660e 6cbb
3380 70 41
3381 6e 41
3382 3bc 41
3383 72 6e 41
3384 6b 41
3385 4b 42
3386 4d 42
3387 47 42
3388 63 61 6c
3389 6b 63 61 6c
338a 70 46
338b 6e 46
338c 3bc 46
338d 3bc 67
338e 72 6e 67
338f 6b 67
3390 48 7a
3391 6b 48 7a
3392 4d 48 7a
3393 47 48 7a
3394 54 48 7a
3395 3bc 6c
3396 72 6e 6c
3397 64 6c
3398 6b 6c
3399 66 72 6e
339a 6e 72 6e
339b 3bc 72 6e
339c 72 6e 72 6e
339d 63 72 6e
339e 6b 72 6e
33a7 72 6e 2f 73
33a9 50 61
33aa 6b 50 61
33ab 4d 50 61
33ac 47 50 61
33ad 72 61 64
33ae 72 61 64 2f 73
33b0 70 73
33b1 6e 73
33b2 3bc 73
33b3 72 6e 73
33b4 70 56
33b5 6e 56
33b6 3bc 56
33b7 72 6e 56
33b8 6b 56
33b9 4d 56
33ba 70 57
33bb 6e 57
33bc 3bc 57
33bd 72 6e 57
33be 6b 57
33bf 4d 57
33c0 6b 3a9
33c1 4d 3a9
33c2 61 2e 72 6e 2e
33c3 42 71
33c4 63 63
33c5 63 64
33c6 43 2f 6b 67
33c7 43 6f 2e
33c8 64 42
33c9 47 79
33ca 68 61
33cb 48 50
33cc 69 6e
33cd 4b 4b
33ce 4b 4d
33cf 6b 74
33d0 6c 72 6e
33d1 6c 6e
33d2 6c 6f 67
33d3 6c 78
33d4 72 6e 62
33d5 72 6e 69 6c
33d6 72 6e 6f 6c
33d7 50 48
33d8 70 2e 72 6e 2e
33d9 50 50 4d
33da 50 52
33db 73 72
33dc 53 76
33dd 57 62
33de 56 2f 72 6e
33df 41 2f 72 6e
33e0 6c 65e5
33e1 32 65e5
33e2 33 65e5
33e3 34 65e5
33e4 35 65e5
33e5 36 65e5
33e6 37 65e5
33e7 38 65e5
33e8 39 65e5
33e9 6c 4f 65e5
33ea 6c 6c 65e5
33eb 6c 32 65e5
33ec 6c 33 65e5
33ed 6c 34 65e5
33ee 6c 35 65e5
33ef 6c 36 65e5
33f0 6c 37 65e5
33f1 6c 38 65e5
33f2 6c 39 65e5
33f3 32 4f 65e5
33f4 32 6c 65e5
33f5 32 32 65e5
33f6 32 33 65e5
33f7 32 34 65e5
33f8 32 35 65e5
33f9 32 36 65e5
33fa 32 37 65e5
33fb 32 38 65e5
33fc 32 39 65e5
33fd 33 4f 65e5
33fe 33 6c 65e5
33ff 67 61 6c
3405 3128
340b 340a
36af 2ec3b
37a2 3113
39b3 363d
3b3f 2b736
3da5 2ecda
3ebb 2ed0b
3ebf 2ed10
4011 2ed45
4142 2ed61
439b 3588
4420 3b3b
44d5 2ede3
4695 278ae
4c4e 4c4d
4db9 5c6e
4dbe 238a7
4e00 30fc
4e02 310e
4e05 54
4e15 110c 1169
4e1b 1109 1109 30fc
4e29 3110
4e2b 59
4e36 5c
4e3f 2f
4e44 30e1
4e8e 1b122
4e95 1b128
4eca 1109 30fc 1100
4eea 2ebf7
5002 4f75
503c 5024
5151 514c
5152 16ff3
51d0 6e6e
5344 8279
535d 8279
535f 1106 1161
5408 1109 30fc 1106
5434 5433
5449 5433
555f 5553
56d7 53e3
586b 5861
58eb 571f
58ff 58ab
596c 5968
59ba 59b9
5a2f 5a1b
5a31 5a1b
5b00 5aaf
5b63 2ec5c
5d52 55a6
5ddc 310d
5e00 312d
5e02 5dff
5e32 5e21
5e50 3b3a
5f84 2ec7b
6052 6046
60a6 6085
6138 2b73f
6237 6236
6238 6236
62ba 62b9
635d 6329
63d2 633f
63f7 633f
6409 3a41
6416 63fa
6447 63fa
652c 2d8c4
655a 6553
6629 6627
6663 403f
6669 665a
66f0 65e5
66f6 3ada
670a 43d3
6726 4443
6729 30db
672b 672a
67ba 3b51
67ff 676e
68c1 68b2
69e9 3ba3
6a27 699d
6b25 2b81e
6b63 1d376
6c4a 2ecc3
6cac 6cab
6d9a 6d97
6e4a 51d1
6e73 34d3
6ea7 51d3
6eb0 51d2
6ec4 51d4
6ec5 34d5
6eed 34d6
6f3c 51d7
6f54 34d7
6f59 6e88
6f8c 51d8
6f9f 51dc
6fa4 51d9
6fbf 51da
6fd3 6fc2
7006 51df
70bc 2ece3
723f 1102 116e 4e28
734e 5968
7476 7464
7714 25133
771c 771b
784f 7814
7a0e 7a05
7d5a 7d59
7d76 7d55
7dd6 7dd2
809e 2e30b
80a6 670c
80ca 6710
80d0 670f
80f6 3b35
8101 6713
8127 6718
8131 812b
8141 80fc
81a7 6723
82b2 30c28
8309 82ff
853f 848d
8641 8637
8715 86fb
889a 4620
8a1e 46b6
8a7d 8a2e
8aac 8aaa
8b21 8b20
8b8f 8b86
8c63 8c5c
8d86 8d7f
8dfa 8de5
8e9b 8e97
8eb2 8eb1
8f27 8eff
8ff3 2ede0
9097 48b4
90a3 2ede9
9109 90f7
9115 90f7
92ed 92b3
93ae 93ad
9497 2edf6
9577 1110 30fc 1102 110c
957a 2ee24
96ba 5bc9
98e1 6e4c
98f2 98ee
99ae 6ea4
9b87 4c45
9e43 9e42
9ed2 9ed1
9f9d 418b
9fc3 4039
a494 a2cd
a49c a0c0
a49e a04a
a4a7 a458
a4a8 a132
a4ac a050
a4b0 a3c2
a4ba a3bf
a4be a2b1
a4bf a259
a4c0 a3ab
a4c2 a3b5
a4d0 42
a4d1 50
a4d2 64
a4d3 44
a4d4 54
a4d6 47
a4d7 4b
a4d9 4a
a4da 43
a4db 186
a4dc 5a
a4dd 46
a4de 2132
a4df 4d
a4e0 4e
a4e1 4c
a4e2 53
a4e3 52
a4e5 245
a4e6 56
a4e7 48
a4ea 57
a4eb 58
a4ec 59
a4ed 15fa
a4ee 41
a4ef 2c6f
a4f0 45
a4f1 18e
a4f2 6c
a4f3 4f
a4f4 55
a4f5 548
a4f7 15e1
a4f8 2e
a4f9 2c
a4fa 2e 2e
a4fb 2e 2c
a4fd 3a
a4fe 2d 2e
a4ff 3d
a50b 54
a516 6c 6c 6c
a543 36
a554 394
a557 42
a56f 6c
a576 53
a589 38
a5cb 45
a5cf 1e9f
a60c 3d
a60e 2e
a613 190
a644 32
a645 1a8
a647 69
a64d 3c9
a650 42a 6c
a651 2c9 62 69
a668 298
a66f 20e9
a67c 306
a67e 2c7
a68c 54 328
a68d 1d1b
a695 68 314
a698 4f 4f
a699 6f 6f
a69a 102a8
a69d 1d47
a6a1 418
a6a2 6f 304 304
a6a7 30b9
a6b0 16b9
a6b1 2c75
a6b2 59 307
a6c9 5a
a6cd 2a1
a6ce 245
a6db 3a0
a6dd 39 b7
a6df 56
a6eb 3f
a6ef 32
a6f0 302
a6f1 304
a6f4 a6f3 a6f3
a714 2eb
a716 2ea
a728 54 33
a729 74 21d
a72a 190
a731 73
a732 41 41
a733 61 61
a734 41 4f
a735 61 6f
a736 41 55
a737 61 75
a738 41 56
a739 61 76
a73a 41 56
a73b 61 76
a73c 41 59
a73d 61 79
a740 4b 335
a74a 4f 335
a74b 6f 335
a74e 4f 4f
a74f 6f 6f
a75a 32
a761 77 326
a76a 33
a76b 21d
a76e 39
a76f 39
a777 74 66
a778 26
a77a a779
a781 6c
a789 3a
a78a 3d
a78b 27
a78c 27
a78f b7
a795 a727
a798 46
a799 66
a79a 10412
a79b 1043a
a79d 29a
a79e a4e4
a79f 75
a7ab 33
a7ae 6c
a7b1 a4d5
a7b2 4a
a7b3 58
a7b4 42
a7b5 df
a7b6 a64c
a7b7 3c9
a7c5 53 328
a7cf a7ce
a7d2 a7d3
a7d4 a7d5
a7d6 df
a7d7 df
a7da 245
a7db 3bb
a7dc 245 338
a7e2 393
a7f1 18f5
a7f2 14bc
a7f7 30fc
a7fa 77
a7fe 6c
a80b 30a
a830 6c
a836 b0
a8ce 6c
a8cf 6c 6c
a8f5 968 306 307
a8f6 33 306 307
a960 1103 1106
a961 1103 1107
a962 1103 1109
a963 1103 110c
a964 1105 1100
a965 1105 1100 1100
a966 1105 1103
a967 1105 1103 1103
a968 1105 1106
a969 1105 1107
a96a 1105 1107 1107
a96b 1105 1107 6f
a96c 1105 1109
a96d 1105 110c
a96e 1105 110f
a96f 1106 1100
a970 1106 1103
a971 1106 1109
a972 1107 1109 1110
a973 1107 110f
a974 1107 1112
a975 1109 1109 1107
a976 6f 1105
a977 6f 1112
a978 110c 110c 1112
a979 1110 1110
a97a 1111 1112
a97b 1112 1109
a97c 1159 1159
a992 2c3f
a9a3 a99d
a9c6 a9d0
a9cf 662
aa53 aa01
aa56 aa23
aa5d 6c
aa66 105c 102c
aa7c 304
aa7d 2d
aa7e 1001 103b 103e
aa7f 1006 103b 103e
ab32 65
ab35 66
ab3d 6f
ab3e 6f 338
ab3f 254 338
ab41 1dd 6f 338
ab42 1dd 6f 335
ab43 63 6f
ab44 63 6f 338
ab47 72
ab48 72
ab4d 283
ab4e 75
ab51 72 6e 323
ab52 75
ab53 3c7
ab55 3c7
ab5a 79
ab60 459
ab62 254 65
ab63 75 6f
ab64 61
ab70 1d05
ab71 280
ab72 1d1b
ab74 6f 31b
ab75 69
ab7a 1d00
ab7b 1d0a
ab7c 1d07
ab7e 242
ab80 2c76
ab81 72
ab83 77
ab87 28d
ab8b 29c
ab8e 6f 335
ab90 262
ab93 7a
ab9b a793
ab9c 75 335
ab9e 34
ab9f 185
aba2 280
aba4 77
aba9 76
abaa 73
abae 29f
abaf 63
abb2 1d18
abb6 138
abbb 6f 335
abbe 36
abec 2e
d7b0 1169 1167
d7b1 1169 1169 4e28
d7b2 116d 1161
d7b3 116d 1161 4e28
d7b4 116d 1165
d7b5 116e 1167
d7b6 116e 4e28 4e28
d7b7 1172 1161 4e28
d7b8 1172 1169
d7b9 30fc 1161
d7ba 30fc 1165
d7bb 30fc 1165 4e28
d7bc 30fc 1169
d7bd 4e28 1163 1169
d7be 4e28 1163 4e28
d7bf 4e28 1167
d7c0 4e28 1167 4e28
d7c1 4e28 1169 4e28
d7c2 4e28 116d
d7c3 4e28 1172
d7c4 4e28 4e28
d7c5 119e 1161
d7c6 119e 1165 4e28
d7cb 1102 1105
d7cc 1102 110e
d7cd 1103 1103
d7ce 1103 1103 1107
d7cf 1103 1107
d7d0 1103 1109
d7d1 1103 1109 1100
d7d2 1103 110c
d7d3 1103 110e
d7d4 1103 1110
d7d5 1105 1100 1100
d7d6 1105 1100 1112
d7d7 1105 1105 110f
d7d8 1105 1106 1112
d7d9 1105 1107 1103
d7da 1105 1107 1111
d7db 1105 114c
d7dc 1105 1159 1112
d7dd 1105 6f
d7de 1106 1102
d7df 1106 1102 1102
d7e0 1106 1106
d7e1 1106 1107 1109
d7e2 1106 110c
d7e3 1107 1103
d7e4 1107 1105 1111
d7e5 1107 1106
d7e6 1107 1107
d7e7 1107 1109 1103
d7e8 1107 110c
d7e9 1107 110e
d7ea 1109 1106
d7eb 1109 1107 6f
d7ec 1109 1109 1100
d7ed 1109 1109 1103
d7ee 1109 1140
d7ef 1109 110c
d7f0 1109 110e
d7f1 1109 1110
d7f2 1105 1112
d7f3 1140 1107
d7f4 1140 1107 6f
d7f5 114c 1106
d7f6 114c 1112
d7f7 110c 1107
d7f8 110c 1107 1107
d7f9 110c 110c
d7fa 1111 1109
d7fb 1111 1110
fb00 66 66
fb01 66 69
fb02 66 6c
fb03 66 66 69
fb04 66 66 6c
fb05 66 74
fb06 73 74
fb13 574 576
fb14 574 565
fb15 574 56b
fb16 57e 576
fb17 574 56d
fb20 5e2
fb21 5d0
fb22 5d3
fb23 5d4
fb24 5db
fb25 5dc
fb26 5dd
fb27 5e8
fb28 5ea
fb29 2d 307
fb4f 5d0 5dc
fb50 671
fb51 671
fb52 67b
fb53 67b
fb54 67b
fb55 67b
fb56 649 6db
fb57 649 6db
fb58 649 6db
fb59 649 6db
fb5a 680
fb5b 680
fb5c 680
fb5d 680
fb5e 62a
fb5f 62a
fb60 62a
fb61 62a
fb62 67f
fb63 67f
fb64 67f
fb65 67f
fb66 649 615
fb67 649 615
fb68 649 615
fb69 649 615
fb6a 6a1 6db
fb6b 6a1 6db
fb6c 6a1 6db
fb6d 6a1 6db
fb6e 6a6
fb6f 6a6
fb70 6a6
fb71 6a6
fb72 684
fb73 684
fb74 684
fb75 684
fb76 683
fb77 683
fb78 683
fb79 683
fb7a 686
fb7b 686
fb7c 686
fb7d 686
fb7e 687
fb7f 687
fb80 687
fb81 687
fb82 68d
fb83 68d
fb84 68c
fb85 68c
fb86 62f 6db
fb87 62f 6db
fb88 62f 615
fb89 62f 615
fb8a 631 6db
fb8b 631 6db
fb8c 631 615
fb8d 631 615
fb8e 643
fb8f 643
fb90 643
fb91 643
fb92 6af
fb93 6af
fb94 6af
fb95 6af
fb96 6b3
fb97 6b3
fb98 6b3
fb99 6b3
fb9a 6b1
fb9b 6b1
fb9c 6b1
fb9d 6b1
fb9e 649
fb9f 649
fba0 649 615
fba1 649 615
fba2 649 615
fba3 649 615
fba4 6f 654
fba5 6f 654
fba6 6f
fba7 6f
fba8 6f
fba9 6f
fbaa 6f
fbab 6f
fbac 6f
fbad 6f
fbae 649
fbaf 649
fbb0 649 674
fbb1 649 674
fbd3 643 6db
fbd4 643 6db
fbd5 643 6db
fbd6 643 6db
fbd7 648 313
fbd8 648 313
fbd9 648 306
fbda 648 306
fbdb 648 e48
fbdc 648 e48
fbdd 648 313 674
fbde 648 6db
fbdf 648 6db
fbe0 6c5
fbe1 6c5
fbe2 648 302
fbe3 648 302
fbe4 67b
fbe5 67b
fbe6 67b
fbe7 67b
fbe8 649
fbe9 649
fbea 649 654 6c
fbeb 649 654 6c
fbec 649 654 6f
fbed 649 654 6f
fbee 649 654 648
fbef 649 654 648
fbf0 649 654 648 313
fbf1 649 654 648 313
fbf2 649 654 648 306
fbf3 649 654 648 306
fbf4 649 654 648 e48
fbf5 649 654 648 e48
fbf6 649 654 67b
fbf7 649 654 67b
fbf8 649 654 67b
fbf9 649 654 649
fbfa 649 654 649
fbfb 649 654 649
fbfc 649
fbfd 649
fbfe 649
fbff 649
fc00 649 654 62c
fc01 649 654 62d
fc02 649 654 645
fc03 649 654 649
fc04 649 654 649
fc05 628 62c
fc06 628 62d
fc07 628 62e
fc08 628 645
fc09 628 649
fc0a 628 649
fc0b 62a 62c
fc0c 62a 62d
fc0d 62a 62e
fc0e 62a 645
fc0f 62a 649
fc10 62a 649
fc11 649 6db 62c
fc12 649 6db 645
fc13 649 6db 649
fc14 649 6db 649
fc15 62c 62d
fc16 62c 645
fc17 62d 62c
fc18 62d 645
fc19 62e 62c
fc1a 62e 62d
fc1b 62e 645
fc1c 633 62c
fc1d 633 62d
fc1e 633 62e
fc1f 633 645
fc20 635 62d
fc21 635 645
fc22 636 62c
fc23 636 62d
fc24 636 62e
fc25 636 645
fc26 637 62d
fc27 637 645
fc28 638 645
fc29 639 62c
fc2a 639 645
fc2b 63a 62c
fc2c 63a 645
fc2d 641 62c
fc2e 641 62d
fc2f 641 62e
fc30 641 645
fc31 641 649
fc32 641 649
fc33 642 62d
fc34 642 645
fc35 642 649
fc36 642 649
fc37 643 6c
fc38 643 62c
fc39 643 62d
fc3a 643 62e
fc3b 643 644
fc3c 643 645
fc3d 643 649
fc3e 643 649
fc3f 644 62c
fc40 644 62d
fc41 644 62e
fc42 644 645
fc43 644 649
fc44 644 649
fc45 645 62c
fc46 645 62d
fc47 645 62e
fc48 645 645
fc49 645 649
fc4a 645 649
fc4b 628 62e
fc4c 646 62d
fc4d 646 62e
fc4e 646 645
fc4f 646 649
fc50 646 649
fc51 6f 62c
fc52 6f 645
fc53 6f 649
fc54 6f 649
fc55 649 62c
fc56 649 62d
fc57 649 62e
fc58 649 645
fc59 649 649
fc5a 649 649
fc5b 630 e48
fc5c 631 e48
fc5d 649 e48
fc5e fe72 10d27
fc5f fe74 10d27
fc60 fe76 10d27
fc61 fe78 10d27
fc62 fe7a 10d27
fc63 fe7c e48
fc64 649 654 631
fc65 649 654 632
fc66 649 654 645
fc67 649 654 646
fc68 649 654 649
fc69 649 654 649
fc6a 628 631
fc6b 628 632
fc6c 628 645
fc6d 628 646
fc6e 628 649
fc6f 628 649
fc70 62a 631
fc71 62a 632
fc72 62a 645
fc73 62a 646
fc74 62a 649
fc75 62a 649
fc76 649 6db 631
fc77 649 6db 632
fc78 649 6db 645
fc79 649 6db 646
fc7a 649 6db 649
fc7b 649 6db 649
fc7c 641 649
fc7d 641 649
fc7e 642 649
fc7f 642 649
fc80 643 6c
fc81 643 644
fc82 643 645
fc83 643 649
fc84 643 649
fc85 644 645
fc86 644 649
fc87 644 649
fc88 645 6c
fc89 645 645
fc8a 646 631
fc8b 646 632
fc8c 646 645
fc8d 646 646
fc8e 646 649
fc8f 646 649
fc90 649 e48
fc91 649 631
fc92 649 632
fc93 649 645
fc94 649 646
fc95 649 649
fc96 649 649
fc97 649 654 62c
fc98 649 654 62d
fc99 649 654 62e
fc9a 649 654 645
fc9b 649 654 6f
fc9c 628 62c
fc9d 628 62d
fc9e 628 62e
fc9f 628 645
fca0 628 6f
fca1 62a 62c
fca2 62a 62d
fca3 62a 62e
fca4 62a 645
fca5 62a 6f
fca6 649 6db 645
fca7 62c 62d
fca8 62c 645
fca9 62d 62c
fcaa 62d 645
fcab 62e 62c
fcac 62e 645
fcad 633 62c
fcae 633 62d
fcaf 633 62e
fcb0 633 645
fcb1 635 62d
fcb2 635 62e
fcb3 635 645
fcb4 636 62c
fcb5 636 62d
fcb6 636 62e
fcb7 636 645
fcb8 637 62d
fcb9 638 645
fcba 639 62c
fcbb 639 645
fcbc 63a 62c
fcbd 63a 645
fcbe 641 62c
fcbf 641 62d
fcc0 641 62e
fcc1 641 645
fcc2 642 62d
fcc3 642 645
fcc4 643 62c
fcc5 643 62d
fcc6 643 62e
fcc7 643 644
fcc8 643 645
fcc9 644 62c
fcca 644 62d
fccb 644 62e
fccc 644 645
fccd 644 6f
fcce 645 62c
fccf 645 62d
fcd0 645 62e
fcd1 645 645
fcd2 628 62e
fcd3 646 62d
fcd4 646 62e
fcd5 646 645
fcd6 646 6f
fcd7 6f 62c
fcd8 6f 645
fcd9 6f e48
fcda 649 62c
fcdb 649 62d
fcdc 649 62e
fcdd 649 645
fcde 649 6f
fcdf 649 654 645
fce0 649 654 6f
fce1 628 645
fce2 628 6f
fce3 62a 645
fce4 62a 6f
fce5 649 6db 645
fce6 649 6db 6f
fce7 633 645
fce8 633 6f
fce9 633 6db 645
fcea 633 6db 6f
fceb 643 644
fcec 643 645
fced 644 645
fcee 646 645
fcef 646 6f
fcf0 649 645
fcf1 649 6f
fcf2 5f 301 10d27
fcf3 5f 313 10d27
fcf4 5f 650 10d27
fcf5 637 649
fcf6 637 649
fcf7 639 649
fcf8 639 649
fcf9 63a 649
fcfa 63a 649
fcfb 633 649
fcfc 633 649
fcfd 633 6db 649
fcfe 633 6db 649
fcff 62d 649
fd00 62d 649
fd01 62c 649
fd02 62c 649
fd03 62e 649
fd04 62e 649
fd05 635 649
fd06 635 649
fd07 636 649
fd08 636 649
fd09 633 6db 62c
fd0a 633 6db 62d
fd0b 633 6db 62e
fd0c 633 6db 645
fd0d 633 6db 631
fd0e 633 631
fd0f 635 631
fd10 636 631
fd11 637 649
fd12 637 649
fd13 639 649
fd14 639 649
fd15 63a 649
fd16 63a 649
fd17 633 649
fd18 633 649
fd19 633 6db 649
fd1a 633 6db 649
fd1b 62d 649
fd1c 62d 649
fd1d 62c 649
fd1e 62c 649
fd1f 62e 649
fd20 62e 649
fd21 635 649
fd22 635 649
fd23 636 649
fd24 636 649
fd25 633 6db 62c
fd26 633 6db 62d
fd27 633 6db 62e
fd28 633 6db 645
fd29 633 6db 631
fd2a 633 631
fd2b 635 631
fd2c 636 631
fd2d 633 6db 62c
fd2e 633 6db 62d
fd2f 633 6db 62e
fd30 633 6db 645
fd31 633 6f
fd32 633 6db 6f
fd33 637 645
fd34 633 62c
fd35 633 62d
fd36 633 62e
fd37 633 6db 62c
fd38 633 6db 62d
fd39 633 6db 62e
fd3a 637 645
fd3b 638 645
fd3c 6c 301 301
fd3d 6c 301 301
fd3e 28
fd3f 29
fd50 62a 62c 645
fd51 62a 62d 62c
fd52 62a 62d 62c
fd53 62a 62d 645
fd54 62a 62e 645
fd55 62a 645 62c
fd56 62a 645 62d
fd57 62a 645 62e
fd58 62c 645 62d
fd59 62c 645 62d
fd5a 62d 645 649
fd5b 62d 645 649
fd5c 633 62d 62c
fd5d 633 62c 62d
fd5e 633 62c 649
fd5f 633 645 62d
fd60 633 645 62d
fd61 633 645 62c
fd62 633 645 645
fd63 633 645 645
fd64 635 62d 62d
fd65 635 62d 62d
fd66 635 645 645
fd67 633 6db 62d 645
fd68 633 6db 62d 645
fd69 633 6db 62c 649
fd6a 633 6db 645 62e
fd6b 633 6db 645 62e
fd6c 633 6db 645 645
fd6d 633 6db 645 645
fd6e 636 62d 649
fd6f 636 62e 645
fd70 636 62e 645
fd71 637 645 62d
fd72 637 645 62d
fd73 637 645 645
fd74 637 645 649
fd75 639 62c 645
fd76 639 645 645
fd77 639 645 645
fd78 639 645 649
fd79 63a 645 645
fd7a 63a 645 649
fd7b 63a 645 649
fd7c 641 62e 645
fd7d 641 62e 645
fd7e 642 645 62d
fd7f 642 645 645
fd80 644 62d 645
fd81 644 62d 649
fd82 644 62d 649
fd83 644 62c 62c
fd84 644 62c 62c
fd85 644 62e 645
fd86 644 62e 645
fd87 644 645 62d
fd88 644 645 62d
fd89 645 62d 62c
fd8a 645 62d 645
fd8b 645 62d 649
fd8c 645 62c 62d
fd8d 645 62c 645
fd8e 645 62e 62c
fd8f 645 62e 645
fd92 645 62c 62e
fd93 6f 645 62c
fd94 6f 645 645
fd95 646 62d 645
fd96 646 62d 649
fd97 646 62c 645
fd98 646 62c 645
fd99 646 62c 649
fd9a 646 645 649
fd9b 646 645 649
fd9c 649 645 645
fd9d 649 645 645
fd9e 628 62e 649
fd9f 62a 62c 649
fda0 62a 62c 649
fda1 62a 62e 649
fda2 62a 62e 649
fda3 62a 645 649
fda4 62a 645 649
fda5 62c 645 649
fda6 62c 62d 649
fda7 62c 645 649
fda8 633 62e 649
fda9 635 62d 649
fdaa 633 6db 62d 649
fdab 636 62d 649
fdac 644 62c 649
fdad 644 645 649
fdae 649 62d 649
fdaf 649 62c 649
fdb0 649 645 649
fdb1 645 645 649
fdb2 642 645 649
fdb3 646 62d 649
fdb4 642 645 62d
fdb5 644 62d 645
fdb6 639 645 649
fdb7 643 645 649
fdb8 646 62c 62d
fdb9 645 62e 649
fdba 644 62c 645
fdbb 643 645 645
fdbc 644 62c 645
fdbd 646 62c 62d
fdbe 62c 62d 649
fdbf 62d 62c 649
fdc0 645 62c 649
fdc1 641 645 649
fdc2 628 62d 649
fdc3 643 645 645
fdc4 639 62c 645
fdc5 635 645 645
fdc6 633 62e 649
fdc7 646 62c 649
fdf0 635 644 649
fdf1 642 644 649
fdf2 6c 644 644 e48 10d27 6f
fdf3 6c 643 628 631
fdf4 645 62d 645 62f
fdf5 635 644 639 645
fdf6 631 633 648 644
fdf7 639 644 649 6f
fdf8 648 633 644 645
fdf9 635 644 649
fdfa 635 644 649 20 6c 644 644 6f 20 639 644 649 6f 20 648 633 644 645
fdfb 62c 644 20 62c 644 6c 644 6f
fdfc 631 649 6c 644
fe11 3001
fe13 3a
fe14 3b
fe15 21
fe16 3f
fe19 2d57
fe30 3a
fe31 6c
fe34 2307
fe35 23dc
fe36 23dd
fe37 23de
fe38 23df
fe39 23e0
fe3a 23e1
fe3f 5e
fe49 2c9
fe4a 2c9
fe4b 2c9
fe4c 2c9
fe4d 5f
fe4e 5f
fe4f 5f
fe50 2c
fe51 3001
fe52 2e
fe54 3b
fe55 3a
fe56 3f
fe57 21
fe58 2d
fe59 28
fe5a 29
fe5b 7b
fe5c 7d
fe5d 28
fe5e 29
fe5f 23
fe60 26
fe61 2a
fe62 2b
fe63 2d
fe64 3c
fe65 3e
fe66 3d
fe68 5c
fe69 24
fe6a b0 2f 2080
fe6b 40
fe71 5f 301 301
fe77 5f 301
fe79 5f 313
fe7b 5f 650
fe7d 5f 10d27
fe7f 5f 30a
fe80 621
fe81 6c 303
fe82 6c 303
fe83 6c 674
fe84 6c 674
fe85 648 674
fe86 648 674
fe87 6c 655
fe88 6c 655
fe89 649 674
fe8a 649 674
fe8b 649 674
fe8c 649 674
fe8d 6c
fe8e 6c
fe8f 628
fe90 628
fe91 628
fe92 628
fe93 6f 308
fe94 6f 308
fe95 62a
fe96 62a
fe97 62a
fe98 62a
fe99 649 6db
fe9a 649 6db
fe9b 649 6db
fe9c 649 6db
fe9d 62c
fe9e 62c
fe9f 62c
fea0 62c
fea1 62d
fea2 62d
fea3 62d
fea4 62d
fea5 62e
fea6 62e
fea7 62e
fea8 62e
fea9 62f
feaa 62f
feab 630
feac 630
fead 631
feae 631
feaf 632
feb0 632
feb1 633
feb2 633
feb3 633
feb4 633
feb5 633 6db
feb6 633 6db
feb7 633 6db
feb8 633 6db
feb9 635
feba 635
febb 635
febc 635
febd 636
febe 636
febf 636
fec0 636
fec1 637
fec2 637
fec3 637
fec4 637
fec5 638
fec6 638
fec7 638
fec8 638
fec9 639
feca 639
fecb 639
fecc 639
fecd 63a
fece 63a
fecf 63a
fed0 63a
fed1 641
fed2 641
fed3 641
fed4 641
fed5 642
fed6 642
fed7 642
fed8 642
fed9 643
feda 643
fedb 643
fedc 643
fedd 644
fede 644
fedf 644
fee0 644
fee1 645
fee2 645
fee3 645
fee4 645
fee5 646
fee6 646
fee7 646
fee8 646
fee9 6f
feea 6f
feeb 6f
feec 6f
feed 648
feee 648
feef 649
fef0 649
fef1 649
fef2 649
fef3 649
fef4 649
fef5 644 6c 303
fef6 644 6c 303
fef7 644 6c 654
fef8 644 6c 654
fef9 644 6c 655
fefa 644 6c 655
fefb 644 6c
fefc 644 6c
ff01 21
ff02 27 27
ff03 23
ff04 24
ff05 b0 2f 2080
ff06 26
ff07 27
ff08 28
ff09 29
ff0a 2a
ff0b 2b
ff0c 2c
ff0d 30fc
ff0e 2e
ff0f 2f
ff10 4f
ff11 6c
ff12 32
ff13 33
ff14 34
ff15 35
ff16 36
ff17 37
ff18 38
ff19 39
ff1a 3a
ff1b 3b
ff1c 3c
ff1d 3d
ff1e 3e
ff1f 3f
ff20 40
ff21 41
ff22 42
ff23 43
ff24 44
ff25 45
ff26 46
ff27 47
ff28 48
ff29 6c
ff2a 4a
ff2b 4b
ff2c 4c
ff2d 4d
ff2e 4e
ff2f 4f
ff30 50
ff31 51
ff32 52
ff33 53
ff34 54
ff35 55
ff36 56
ff37 57
ff38 58
ff39 59
ff3a 5a
ff3b 5b
ff3c 5c
ff3d 5d
ff3e 5e
ff3f 5f
ff40 27
ff41 61
ff42 62
ff43 63
ff44 64
ff45 65
ff46 66
ff47 67
ff48 68
ff49 69
ff4a 6a
ff4b 6b
ff4c 6c
ff4d 72 6e
ff4e 6e
ff4f 6f
ff50 70
ff51 71
ff52 72
ff53 73
ff54 74
ff55 75
ff56 76
ff57 77
ff58 78
ff59 79
ff5a 7a
ff5b 7b
ff5c 6c
ff5d 7d
ff5e 7e
ff5f 2985
ff60 2986
ff61 2f3
ff62 300c
ff63 300d
ff64 3001
ff65 b7
ff66 30f2
ff67 30a1
ff68 30a3
ff69 30a5
ff6a 30a7
ff6b 30a9
ff6c 30e3
ff6d 30e5
ff6e 30e7
ff6f 30c3
ff70 30fc
ff71 30a2
ff72 4ebb
ff73 30a6
ff74 5de5
ff75 30aa
ff76 529b
ff77 30ad
ff78 30af
ff79 30b1
ff7a 30b3
ff7b 30b5
ff7c 30b7
ff7d 30b9
ff7e 30bb
ff7f 30bd
ff80 5915
ff81 30c1
ff82 30c4
ff83 30c6
ff84 535c
ff85 30ca
ff86 4e8c
ff87 30cc
ff88 793b
ff89 2f
ff8a 516b
ff8b 5315
ff8c 30d5
ff8d 3078
ff8e 30db
ff8f 30de
ff90 30df
ff91 53b6
ff92 30e1
ff93 30e2
ff94 30e4
ff95 30e6
ff96 5f50
ff97 30e9
ff98 30ea
ff99 30eb
ff9a 30ec
ff9b 53e3
ff9c 30ef
ff9d 30f3
ff9f 30a
ffa1 1100
ffa2 1100 1100
ffa3 1100 1109
ffa4 1102
ffa5 1102 110c
ffa6 1102 1112
ffa7 1103
ffa8 1103 1103
ffa9 1105
ffaa 1105 1100
ffab 1105 1106
ffac 1105 1107
ffad 1105 1109
ffae 1105 1110
ffaf 1105 1111
ffb0 1105 1112
ffb1 1106
ffb2 1107
ffb3 1107 1107
ffb4 1107 1109
ffb5 1109
ffb6 1109 1109
ffb7 6f
ffb8 110c
ffb9 110c 110c
ffba 110e
ffbb 110f
ffbc 1110
ffbd 1111
ffbe 1112
ffc2 1161
ffc3 1161 4e28
ffc4 1163
ffc5 1163 4e28
ffc6 1165
ffc7 1165 4e28
ffca 1167
ffcb 1167 4e28
ffcc 1169
ffcd 1169 1161
ffce 1169 1161 4e28
ffcf 1169 4e28
ffd2 116d
ffd3 116e
ffd4 116e 1165
ffd5 116e 1165 4e28
ffd6 116e 4e28
ffd7 1172
ffda 30fc
ffdb 30fc 4e28
ffdc 4e28
ffe0 63 338
ffe1 a3
ffe2 ac
ffe3 2c9
ffe4 208f
ffe5 59 335
ffe6 57 335
ffe8 6c
ffe9 2190
ffea 16cf
ffeb 2192
ffec 2193
ffed 220e
ffee b0
10101 b7
10140 29
10141 28
1015b 3a
10171 16c9
1017e 66
10182 a742
1018b 64
1018e 4e 30a
10190 3d
10191 2d
10196 58 335
10197 56 335
10198 6c 335 6c 335 53 335
10199 6c 335 6c 335
101a0 554
10282 42
10285 394
10286 45
10287 46
1028a 6c
1028d 245
10290 58
10292 4f
10294 16dc
10295 50
10296 53
10297 54
1029b 2b
102a0 41
102a1 42
102a2 43
102a3 394
102a5 46
102ab 4f
102ad 3d8
102b0 4d
102b1 54
102b2 59
102b3 3a6
102b4 58
102b5 3a8
102b6 3a9
102b8 2d40
102cf 48
102e1 62f
102e4 648
102e8 637
102f2 635
102f5 5a
10301 42
10302 43
10309 6c
1030f 4f
10311 4d
10312 3d8
10315 54
10317 58
1031a 38
1031c 62
1031f 2a
10320 6c
10322 58
1032d 3c
103d1 10382
103d3 10393
10401 190
10404 4f
10411 a4f6
10415 43
1041b 4c
1041f 2c70
10420 53
10423 186
10425 418
10429 a793
1042a 29a
1042c 6f
1043d 63
1043f 277
10442 25e
10443 29f
10448 73
1044b 254
1044d 1d0e
104a0 10486
104b0 245
104b4 52
104bc 4c3
104c2 4f
104c3 298
104c4 de
104cd 40b
104ce 55
104d0 16e6
104d1 3a8
104d2 37
104d8 28c
104db 3bb
104ea 6f
104eb a669
104f6 75
104f9 3c8
10507 5a
1050d 418
1050e 6c
1050f 393
10510 245
10513 4e
10516 4f
10517 3a0
10518 4b
1051b 43
1051d 56
1051e 4f 335
10525 46
10526 4c
10527 58
107bd 14bc
1091f b7
10921 15fa
10926 6c
1092c 6f
10a0f 308
10a38 304
10a3a 323
10a50 2e
10a57 10a56 10a56
10ae5 308
10af5 3a
10c13 58
10c17 4f
10c1f 56
10c20 59
10c21 4d
10c3e 6c
10c82 58
10ca5 6c
10cc2 78
10cfa 6c
10cfc 58
10d07 6f
10d08 643
10d09 641
10d13 644
10d1c 6a1 6db
10ec6 646
10ec7 680
10ece 30a
10ed0 b0 332
10ef3 306 307 301
10ef4 650 10efb
10ef5 306 307 313
10f46 323
10f48 307
10f49 308
11001 307
11002 3a
11047 6c
11048 6c 6c
1104b 30fc
11053 3d
11055 2b
11081 307
11082 3a
110ba 323
110bb b0
110c0 6c
110c1 6c 6c
11101 307
11102 308
11103 1041 102c
11109 d30
1110a 103f
11116 6f 102c
11117 1011
1111b 1015
1111d 1017
11123 101c
11124 6f
11127 1034
11128 102d
1112a 102f
11133 1039
11141 6c
11142 6c 6c
11173 323
11174 b7
11181 307
11182 3a
111c5 6c
111c6 6c 6c
111c7 b7
111ca 323
111cb 93a
111db a8fc
111dc a8fb
111de 2248
1123a 3a
1123d b0
112df 307
112e9 323
11300 30a
11301 306 307
11302 6f
11303 983
11309 b89
1130a b89 bb3
1131c b90
11323 ba3
11324 ba4
11328 ba8
1132f baf
11335 bb5
11336 bb6
11339 bb9
1133b 323
1133c 324
1133e b88
1133f bbf
11340 bc0
11341 bc1
11342 bc2
11347 bc6
113d4 6c
113d5 6c 6c
11413 11434 11442 11412
11419 11434 11442 11418
11424 11434 11442 11423
1142a 11434 11442 11429
1142d 11434 11442 1142c
1142f 11434 11442 1142e
11444 30a
11445 38
11446 323
1144b 6c
1144c 6c 6c
1144f b0
1148b 98f
1148c 990
1148d 993
1148e 994
1148f 995
11490 996
11491 997
11492 998
11494 99a
11496 99c
11498 99e
11499 99f
1149b 9a1
1149d 9b2
1149e 9a4
1149f 9a5
114a0 9a6
114a1 9a7
114a2 9a8
114a3 9aa
114a7 9ae
114a8 9af
114a9 9ac
114aa 9a3
114ab 9b0
114ad 9b7
114ae 9b8
114b0 9be
114b1 9bf
114b9 9c7
114bd 9d7
114bf 306 307
114c0 30a
114c1 983
114c2 9cd
114c3 323
114c4 9bd
114c5 77 307
114c6 b0
114d0 6f
114d1 9e7
114d2 9e8
114d6 9ec
115bd 307
115be 3a
115c0 323
115c4 b7
115c5 6c
115d8 11582
115d9 11582
115da 11583
115db 11584
115dc 115b2
115dd 115b3
1163d 307
11641 6c
11642 6c 6c
11643 b0
116ab 307
116ac 3a
116b7 323
116b9 b7
11700 72 6e
11706 76
1170a 77
1170e 77
1170f 77
11837 307
11838 3a
11839 94d
1183a 323
1183b b0
118a0 56
118a2 46
118a3 4c
118a4 59
118a6 45
118a8 2207
118a9 5a
118ac 39
118ae 45
118af 34
118b2 4c
118b5 4f
118b7 16dc
118b8 55
118bb 35
118bc 54
118c0 76
118c1 73
118c2 46
118c3 69
118c4 79
118c6 37
118c8 6f
118ca 33
118cc 39
118ce a793
118d5 36
118d6 39
118d7 6f
118d8 75
118dc 79
118e0 4f
118e3 72 6e
118e4 669
118e5 5a
118e6 57
118e9 43
118ec 58
118ef 57
118f2 43
119c2 92a
119ca 935
119da 11b64
119db 948
119df 983
11a38 30a
11a39 983
11a96 30a
11abc 5a
11abe 4e
11ae6 11ae5 11aef
11ae7 11ae5 11af0
11ae8 11ae5 11ae5
11ae9 11ae5 11ae5 11aef
11aea 11ae5 11ae5 11af0
11aec 11aeb 11aef
11aed 11aeb 11aeb
11aee 11aeb 11aeb 11aef
11af4 11af3 11aef
11af5 11af3 11af0
11af6 11af3 11af3
11af7 11af3 11af3 11aef
11af8 11af3 11af3 11af0
11b0a 926 331
11b60 93a
11b63 11b62 11b62
11b66 306
11c3d 30a
11c3e 983
11c41 6c
11c42 6c 6c
11cb2 11caa
11cb5 30a
11d95 30a
11dd9 3a
11dda 6c
11de0 4f
11de1 6c
11df0 30a
11df1 9b0
12038 1039a
12562 b7
132f9 1099e
145a2 394
145c1 5f
16869 2b
1699b 4f 335
169c1 39
169d6 de
169fe 38
16a19 72
16a2c 394
16ad1 548
16ad6 53
16ae4 6c 335
16ae9 4f
16aec 3c
16d63 6c
16e80 4f 335
16e82 34
16e8a 37
16ea6 3a0
16eaa 6c
16eb6 62
16ec1 3c0
16ed1 185
16f07 393
16f08 56
16f0a 54
16f16 4c
16f1a 394
16f1c a658
16f26 a4f6
16f28 6c
16f2d 190
16f35 52
16f3a 53
16f3b 33
16f3d 245
16f3f 3e
16f40 41
16f42 55
16f43 59
16f51 27
16f52 27
16f53 2c
16ff2 513f
1b127 5b50
1ccd6 41
1ccd7 42
1ccd8 43
1ccd9 44
1ccda 45
1ccdb 46
1ccdc 47
1ccdd 48
1ccde 6c
1ccdf 4a
1cce0 4b
1cce1 4c
1cce2 4d
1cce3 4e
1cce4 4f
1cce5 50
1cce6 51
1cce7 52
1cce8 53
1cce9 54
1ccea 55
1cceb 56
1ccec 57
1cced 58
1ccee 59
1ccef 5a
1ccf0 4f
1ccf1 6c
1ccf2 32
1ccf3 33
1ccf4 34
1ccf5 35
1ccf6 36
1ccf7 37
1ccf8 38
1ccf9 39
1ccfb 1f6f8
1ceef 2d42
1cef4 662
1cefc 56
1d100 6c
1d108 3a
1d114 7b
1d127 650
1d128 11b62
1d134 63
1d16d 2e
1d1fe 37
1d202 4fe
1d206 33
1d207 62
1d20b 418
1d20c 57
1d20d 56
1d20f 5c
1d212 37
1d213 46
1d214 102bc
1d215 a4f6
1d216 52
1d217 2c6f
1d219 416
1d21a 4f 335
1d21b 2144
1d21c a4d5
1d221 190
1d222 460
1d228 18e
1d22a 4c
1d22b a4f6
1d230 a7fb
1d236 3c
1d237 3e
1d238 228f
1d239 2290
1d23a 2f
1d23b 5c
1d23f 16cb
1d245 548
1d260 266d 266d 266d
1d262 6c 6c
1d373 54
1d377 6c
1d400 41
1d401 42
1d402 43
1d403 44
1d404 45
1d405 46
1d406 47
1d407 48
1d408 6c
1d409 4a
1d40a 4b
1d40b 4c
1d40c 4d
1d40d 4e
1d40e 4f
1d40f 50
1d410 51
1d411 52
1d412 53
1d413 54
1d414 55
1d415 56
1d416 57
1d417 58
1d418 59
1d419 5a
1d41a 61
1d41b 62
1d41c 63
1d41d 64
1d41e 65
1d41f 66
1d420 67
1d421 68
1d422 69
1d423 6a
1d424 6b
1d425 6c
1d426 72 6e
1d427 6e
1d428 6f
1d429 70
1d42a 71
1d42b 72
1d42c 73
1d42d 74
1d42e 75
1d42f 76
1d430 77
1d431 78
1d432 79
1d433 7a
1d434 41
1d435 42
1d436 43
1d437 44
1d438 45
1d439 46
1d43a 47
1d43b 48
1d43c 6c
1d43d 4a
1d43e 4b
1d43f 4c
1d440 4d
1d441 4e
1d442 4f
1d443 50
1d444 51
1d445 52
1d446 53
1d447 54
1d448 55
1d449 56
1d44a 57
1d44b 58
1d44c 59
1d44d 5a
1d44e 61
1d44f 62
1d450 63
1d451 64
1d452 65
1d453 66
1d454 67
1d456 69
1d457 6a
1d458 6b
1d459 6c
1d45a 72 6e
1d45b 6e
1d45c 6f
1d45d 70
1d45e 71
1d45f 72
1d460 73
1d461 74
1d462 75
1d463 76
1d464 77
1d465 78
1d466 79
1d467 7a
1d468 41
1d469 42
1d46a 43
1d46b 44
1d46c 45
1d46d 46
1d46e 47
1d46f 48
1d470 6c
1d471 4a
1d472 4b
1d473 4c
1d474 4d
1d475 4e
1d476 4f
1d477 50
1d478 51
1d479 52
1d47a 53
1d47b 54
1d47c 55
1d47d 56
1d47e 57
1d47f 58
1d480 59
1d481 5a
1d482 61
1d483 62
1d484 63
1d485 64
1d486 65
1d487 66
1d488 67
1d489 68
1d48a 69
1d48b 6a
1d48c 6b
1d48d 6c
1d48e 72 6e
1d48f 6e
1d490 6f
1d491 70
1d492 71
1d493 72
1d494 73
1d495 74
1d496 75
1d497 76
1d498 77
1d499 78
1d49a 79
1d49b 7a
1d49c 41
1d49e 43
1d49f 44
1d4a2 47
1d4a5 4a
1d4a6 4b
1d4a9 4e
1d4aa 4f
1d4ab 50
1d4ac 51
1d4ae 53
1d4af 54
1d4b0 55
1d4b1 56
1d4b2 57
1d4b3 58
1d4b4 59
1d4b5 5a
1d4b6 61
1d4b7 62
1d4b8 63
1d4b9 64
1d4bb 66
1d4bd 68
1d4be 69
1d4bf 6a
1d4c0 6b
1d4c1 6c
1d4c2 72 6e
1d4c3 6e
1d4c5 70
1d4c6 71
1d4c7 72
1d4c8 73
1d4c9 74
1d4ca 75
1d4cb 76
1d4cc 77
1d4cd 78
1d4ce 79
1d4cf 7a
1d4d0 41
1d4d1 42
1d4d2 43
1d4d3 44
1d4d4 45
1d4d5 46
1d4d6 47
1d4d7 48
1d4d8 6c
1d4d9 4a
1d4da 4b
1d4db 4c
1d4dc 4d
1d4dd 4e
1d4de 4f
1d4df 50
1d4e0 51
1d4e1 52
1d4e2 53
1d4e3 54
1d4e4 55
1d4e5 56
1d4e6 57
1d4e7 58
1d4e8 59
1d4e9 5a
1d4ea 61
1d4eb 62
1d4ec 63
1d4ed 64
1d4ee 65
1d4ef 66
1d4f0 67
1d4f1 68
1d4f2 69
1d4f3 6a
1d4f4 6b
1d4f5 6c
1d4f6 72 6e
1d4f7 6e
1d4f8 6f
1d4f9 70
1d4fa 71
1d4fb 72
1d4fc 73
1d4fd 74
1d4fe 75
1d4ff 76
1d500 77
1d501 78
1d502 79
1d503 7a
1d504 41
1d505 42
1d507 44
1d508 45
1d509 46
1d50a 47
1d50d 4a
1d50e 4b
1d50f 4c
1d510 4d
1d511 4e
1d512 4f
1d513 50
1d514 51
1d516 53
1d517 54
1d518 55
1d519 56
1d51a 57
1d51b 58
1d51c 59
1d51e 61
1d51f 62
1d520 63
1d521 64
1d522 65
1d523 66
1d524 67
1d525 68
1d526 69
1d527 6a
1d528 6b
1d529 6c
1d52a 72 6e
1d52b 6e
1d52c 6f
1d52d 70
1d52e 71
1d52f 72
1d530 73
1d531 74
1d532 75
1d533 76
1d534 77
1d535 78
1d536 79
1d537 7a
1d538 41
1d539 42
1d53b 44
1d53c 45
1d53d 46
1d53e 47
1d540 6c
1d541 4a
1d542 4b
1d543 4c
1d544 4d
1d546 4f
1d54a 53
1d54b 54
1d54c 55
1d54d 56
1d54e 57
1d54f 58
1d550 59
1d552 61
1d553 62
1d554 63
1d555 64
1d556 65
1d557 66
1d558 67
1d559 68
1d55a 69
1d55b 6a
1d55c 6b
1d55d 6c
1d55e 72 6e
1d55f 6e
1d560 6f
1d561 70
1d562 71
1d563 72
1d564 73
1d565 74
1d566 75
1d567 76
1d568 77
1d569 78
1d56a 79
1d56b 7a
1d56c 41
1d56d 42
1d56e 43
1d56f 44
1d570 45
1d571 46
1d572 47
1d573 48
1d574 6c
1d575 4a
1d576 4b
1d577 4c
1d578 4d
1d579 4e
1d57a 4f
1d57b 50
1d57c 51
1d57d 52
1d57e 53
1d57f 54
1d580 55
1d581 56
1d582 57
1d583 58
1d584 59
1d585 5a
1d586 61
1d587 62
1d588 63
1d589 64
1d58a 65
1d58b 66
1d58c 67
1d58d 68
1d58e 69
1d58f 6a
1d590 6b
1d591 6c
1d592 72 6e
1d593 6e
1d594 6f
1d595 70
1d596 71
1d597 72
1d598 73
1d599 74
1d59a 75
1d59b 76
1d59c 77
1d59d 78
1d59e 79
1d59f 7a
1d5a0 41
1d5a1 42
1d5a2 43
1d5a3 44
1d5a4 45
1d5a5 46
1d5a6 47
1d5a7 48
1d5a8 6c
1d5a9 4a
1d5aa 4b
1d5ab 4c
1d5ac 4d
1d5ad 4e
1d5ae 4f
1d5af 50
1d5b0 51
1d5b1 52
1d5b2 53
1d5b3 54
1d5b4 55
1d5b5 56
1d5b6 57
1d5b7 58
1d5b8 59
1d5b9 5a
1d5ba 61
1d5bb 62
1d5bc 63
1d5bd 64
1d5be 65
1d5bf 66
1d5c0 67
1d5c1 68
1d5c2 69
1d5c3 6a
1d5c4 6b
1d5c5 6c
1d5c6 72 6e
1d5c7 6e
1d5c8 6f
1d5c9 70
1d5ca 71
1d5cb 72
1d5cc 73
1d5cd 74
1d5ce 75
1d5cf 76
1d5d0 77
1d5d1 78
1d5d2 79
1d5d3 7a
1d5d4 41
1d5d5 42
1d5d6 43
1d5d7 44
1d5d8 45
1d5d9 46
1d5da 47
1d5db 48
1d5dc 6c
1d5dd 4a
1d5de 4b
1d5df 4c
1d5e0 4d
1d5e1 4e
1d5e2 4f
1d5e3 50
1d5e4 51
1d5e5 52
1d5e6 53
1d5e7 54
1d5e8 55
1d5e9 56
1d5ea 57
1d5eb 58
1d5ec 59
1d5ed 5a
1d5ee 61
1d5ef 62
1d5f0 63
1d5f1 64
1d5f2 65
1d5f3 66
1d5f4 67
1d5f5 68
1d5f6 69
1d5f7 6a
1d5f8 6b
1d5f9 6c
1d5fa 72 6e
1d5fb 6e
1d5fc 6f
1d5fd 70
1d5fe 71
1d5ff 72
1d600 73
1d601 74
1d602 75
1d603 76
1d604 77
1d605 78
1d606 79
1d607 7a
1d608 41
1d609 42
1d60a 43
1d60b 44
1d60c 45
1d60d 46
1d60e 47
1d60f 48
1d610 6c
1d611 4a
1d612 4b
1d613 4c
1d614 4d
1d615 4e
1d616 4f
1d617 50
1d618 51
1d619 52
1d61a 53
1d61b 54
1d61c 55
1d61d 56
1d61e 57
1d61f 58
1d620 59
1d621 5a
1d622 61
1d623 62
1d624 63
1d625 64
1d626 65
1d627 66
1d628 67
1d629 68
1d62a 69
1d62b 6a
1d62c 6b
1d62d 6c
1d62e 72 6e
1d62f 6e
1d630 6f
1d631 70
1d632 71
1d633 72
1d634 73
1d635 74
1d636 75
1d637 76
1d638 77
1d639 78
1d63a 79
1d63b 7a
1d63c 41
1d63d 42
1d63e 43
1d63f 44
1d640 45
1d641 46
1d642 47
1d643 48
1d644 6c
1d645 4a
1d646 4b
1d647 4c
1d648 4d
1d649 4e
1d64a 4f
1d64b 50
1d64c 51
1d64d 52
1d64e 53
1d64f 54
1d650 55
1d651 56
1d652 57
1d653 58
1d654 59
1d655 5a
1d656 61
1d657 62
1d658 63
1d659 64
1d65a 65
1d65b 66
1d65c 67
1d65d 68
1d65e 69
1d65f 6a
1d660 6b
1d661 6c
1d662 72 6e
1d663 6e
1d664 6f
1d665 70
1d666 71
1d667 72
1d668 73
1d669 74
1d66a 75
1d66b 76
1d66c 77
1d66d 78
1d66e 79
1d66f 7a
1d670 41
1d671 42
1d672 43
1d673 44
1d674 45
1d675 46
1d676 47
1d677 48
1d678 6c
1d679 4a
1d67a 4b
1d67b 4c
1d67c 4d
1d67d 4e
1d67e 4f
1d67f 50
1d680 51
1d681 52
1d682 53
1d683 54
1d684 55
1d685 56
1d686 57
1d687 58
1d688 59
1d689 5a
1d68a 61
1d68b 62
1d68c 63
1d68d 64
1d68e 65
1d68f 66
1d690 67
1d691 68
1d692 69
1d693 6a
1d694 6b
1d695 6c
1d696 72 6e
1d697 6e
1d698 6f
1d699 70
1d69a 71
1d69b 72
1d69c 73
1d69d 74
1d69e 75
1d69f 76
1d6a0 77
1d6a1 78
1d6a2 79
1d6a3 7a
1d6a4 69
1d6a5 6a
1d6a6 df
1d6a8 41
1d6a9 42
1d6aa 393
1d6ab 394
1d6ac 45
1d6ad 5a
1d6ae 48
1d6af 4f 335
1d6b0 6c
1d6b1 4b
1d6b2 245
1d6b3 4d
1d6b4 4e
1d6b5 39e
1d6b6 4f
1d6b7 3a0
1d6b8 50
1d6b9 4f 335
1d6ba 1a9
1d6bb 54
1d6bc 59
1d6bd 3a6
1d6be 58
1d6bf 3a8
1d6c0 3a9
1d6c1 2207
1d6c2 61
1d6c3 df
1d6c4 79
1d6c5 1e9f
1d6c6 a793
1d6c7 3b6
1d6c8 6e 329
1d6c9 4f 335
1d6ca 69
1d6cb 138
1d6cc 3bb
1d6cd 3bc
1d6ce 76
1d6cf 3be
1d6d0 6f
1d6d1 3c0
1d6d2 70
1d6d3 3c2
1d6d4 6f
1d6d5 1d1b
1d6d6 75
1d6d7 278
1d6d8 3c7
1d6d9 3c8
1d6da 3c9
1d6db 2202
1d6dc a793
1d6dd 4f 335
1d6de 138
1d6df 278
1d6e0 70
1d6e1 3c0
1d6e2 41
1d6e3 42
1d6e4 393
1d6e5 394
1d6e6 45
1d6e7 5a
1d6e8 48
1d6e9 4f 335
1d6ea 6c
1d6eb 4b
1d6ec 245
1d6ed 4d
1d6ee 4e
1d6ef 39e
1d6f0 4f
1d6f1 3a0
1d6f2 50
1d6f3 4f 335
1d6f4 1a9
1d6f5 54
1d6f6 59
1d6f7 3a6
1d6f8 58
1d6f9 3a8
1d6fa 3a9
1d6fb 2207
1d6fc 61
1d6fd df
1d6fe 79
1d6ff 1e9f
1d700 a793
1d701 3b6
1d702 6e 329
1d703 4f 335
1d704 69
1d705 138
1d706 3bb
1d707 3bc
1d708 76
1d709 3be
1d70a 6f
1d70b 3c0
1d70c 70
1d70d 3c2
1d70e 6f
1d70f 1d1b
1d710 75
1d711 278
1d712 3c7
1d713 3c8
1d714 3c9
1d715 2202
1d716 a793
1d717 4f 335
1d718 138
1d719 278
1d71a 70
1d71b 3c0
1d71c 41
1d71d 42
1d71e 393
1d71f 394
1d720 45
1d721 5a
1d722 48
1d723 4f 335
1d724 6c
1d725 4b
1d726 245
1d727 4d
1d728 4e
1d729 39e
1d72a 4f
1d72b 3a0
1d72c 50
1d72d 4f 335
1d72e 1a9
1d72f 54
1d730 59
1d731 3a6
1d732 58
1d733 3a8
1d734 3a9
1d735 2207
1d736 61
1d737 df
1d738 79
1d739 1e9f
1d73a a793
1d73b 3b6
1d73c 6e 329
1d73d 4f 335
1d73e 69
1d73f 138
1d740 3bb
1d741 3bc
1d742 76
1d743 3be
1d744 6f
1d745 3c0
1d746 70
1d747 3c2
1d748 6f
1d749 1d1b
1d74a 75
1d74b 278
1d74c 3c7
1d74d 3c8
1d74e 3c9
1d74f 2202
1d750 a793
1d751 4f 335
1d752 138
1d753 278
1d754 70
1d755 3c0
1d756 41
1d757 42
1d758 393
1d759 394
1d75a 45
1d75b 5a
1d75c 48
1d75d 4f 335
1d75e 6c
1d75f 4b
1d760 245
1d761 4d
1d762 4e
1d763 39e
1d764 4f
1d765 3a0
1d766 50
1d767 4f 335
1d768 1a9
1d769 54
1d76a 59
1d76b 3a6
1d76c 58
1d76d 3a8
1d76e 3a9
1d76f 2207
1d770 61
1d771 df
1d772 79
1d773 1e9f
1d774 a793
1d775 3b6
1d776 6e 329
1d777 4f 335
1d778 69
1d779 138
1d77a 3bb
1d77b 3bc
1d77c 76
1d77d 3be
1d77e 6f
1d77f 3c0
1d780 70
1d781 3c2
1d782 6f
1d783 1d1b
1d784 75
1d785 278
1d786 3c7
1d787 3c8
1d788 3c9
1d789 2202
1d78a a793
1d78b 4f 335
1d78c 138
1d78d 278
1d78e 70
1d78f 3c0
1d790 41
1d791 42
1d792 393
1d793 394
1d794 45
1d795 5a
1d796 48
1d797 4f 335
1d798 6c
1d799 4b
1d79a 245
1d79b 4d
1d79c 4e
1d79d 39e
1d79e 4f
1d79f 3a0
1d7a0 50
1d7a1 4f 335
1d7a2 1a9
1d7a3 54
1d7a4 59
1d7a5 3a6
1d7a6 58
1d7a7 3a8
1d7a8 3a9
1d7a9 2207
1d7aa 61
1d7ab df
1d7ac 79
1d7ad 1e9f
1d7ae a793
1d7af 3b6
1d7b0 6e 329
1d7b1 4f 335
1d7b2 69
1d7b3 138
1d7b4 3bb
1d7b5 3bc
1d7b6 76
1d7b7 3be
1d7b8 6f
1d7b9 3c0
1d7ba 70
1d7bb 3c2
1d7bc 6f
1d7bd 1d1b
1d7be 75
1d7bf 278
1d7c0 3c7
1d7c1 3c8
1d7c2 3c9
1d7c3 2202
1d7c4 a793
1d7c5 4f 335
1d7c6 138
1d7c7 278
1d7c8 70
1d7c9 3c0
1d7ca 46
1d7cb 3dd
1d7ce 4f
1d7cf 6c
1d7d0 32
1d7d1 33
1d7d2 34
1d7d3 35
1d7d4 36
1d7d5 37
1d7d6 38
1d7d7 39
1d7d8 4f
1d7d9 6c
1d7da 32
1d7db 33
1d7dc 34
1d7dd 35
1d7de 36
1d7df 37
1d7e0 38
1d7e1 39
1d7e2 4f
1d7e3 6c
1d7e4 32
1d7e5 33
1d7e6 34
1d7e7 35
1d7e8 36
1d7e9 37
1d7ea 38
1d7eb 39
1d7ec 4f
1d7ed 6c
1d7ee 32
1d7ef 33
1d7f0 34
1d7f1 35
1d7f2 36
1d7f3 37
1d7f4 38
1d7f5 39
1d7f6 4f
1d7f7 6c
1d7f8 32
1d7f9 33
1d7fa 34
1d7fb 35
1d7fc 36
1d7fd 37
1d7fe 38
1d7ff 39
1db00 2293
1df1f 64 2202 335
1df20 64 6c 21d
1df22 74 26c
1df23 74 a78e
1df24 74 4f 335
1df2b 64 293
1df2c 74 286
1df2d 64 326 314
1df2e 64 7a 326
1df2f 2202 335 326
1df30 262 326
1df31 79 326
1df32 68 335 326
1df33 278 326
1df34 71 326
1df35 280 326
1df36 281 326
1df37 72 328 326
1df38 74 1d8a
1df39 75 326
1df3a a7ce 326
1df3b df 326
1df3c 4f 335 326
1df3d 3c7 326
1df3e 265 335
1df3f 77 335
1df40 41 335
1df41 61 335
1df42 254 335
1df43 1d07 335
1df44 a793 335
1df45 67 335
1df46 68 335
1df47 68 335 314
1df48 4b 335
1df49 6b 335
1df4a 4d 335
1df4b 72 6e 335
1df4c 72 6e 335 326
1df4d 4e 335
1df4e 6e 335
1df4f 6e 335 329
1df50 1df70 335
1df51 56 335
1df52 76 335
1df53 277 335
1df54 3c7 335
1df55 79 335
1df5a 61
1df5b 297 68
1df5c a793 a793
1df5d 69 65
1df5e 6f 69
1df5f 6f 75
1df62 283 68
1df63 288 68
1df64 74 68
1df65 77 68
1df67 6c 293
1df6a 41
1df6c a792
1df6d a793
1df6e 6c 335
1df7d 77
1df81 45
1df95 df
1e032 10784
1e03c b0
1e047 1d47 1da6
1e04f 107b2
1e06b 1e03f 326
1e06c a69c 1da6
1e132 306
1e133 30a
1e134 304
1e140 4f
1e141 6c
1e145 56
1e2ec 307
1e2ed 308
1e2f0 4f
1e2f2 39
1e5ff b0
1e6e9 2b
1e6ee 1ac8
1e8c7 6c
1e8c8 2220
1e8c9 663
1e8cb 38
1e8cc 2202
1e8cd 2202 335
1e946 304
1e948 306
1e94b 27
1ec75 62d 6f
1ec83 645 6c
1ec86 6c 639 6c
1ec87 62d 645 6c
1ec89 644 645 6c
1ec9e 644 643 6f 6f
1ec9f 644 643 6f 6c 646
1eca0 644 643
1eca1 643 631 648 631
1eca2 643 631 648 631 6c 649
1eca3 644 6f
1ecae 2e
1ecb1 639 6f
1ecb2 639 6c
1ed01 6c
1ed09 649 648
1ed13 645 6c
1ed2e 645 631
1ed2f 621
1ed31 644 649 639 6c
1ed32 62d 6c
1ed36 649 639 6c
1ed37 639 6c
1ed3c 669
1ee00 6c
1ee01 628
1ee02 62c
1ee03 62f
1ee05 648
1ee06 632
1ee07 62d
1ee08 637
1ee09 649
1ee0a 643
1ee0b 644
1ee0c 645
1ee0d 646
1ee0e 633
1ee0f 639
1ee10 641
1ee11 635
1ee12 642
1ee13 631
1ee14 633 6db
1ee15 62a
1ee16 649 6db
1ee17 62e
1ee18 630
1ee19 636
1ee1a 638
1ee1b 63a
1ee1c 649
1ee1d 649
1ee1e 6a1
1ee1f 6a1
1ee21 628
1ee22 62c
1ee24 6f
1ee27 62d
1ee29 649
1ee2a 643
1ee2b 644
1ee2c 645
1ee2d 646
1ee2e 633
1ee2f 639
1ee30 641
1ee31 635
1ee32 642
1ee34 633 6db
1ee35 62a
1ee36 649 6db
1ee37 62e
1ee39 636
1ee3b 63a
1ee42 62c
1ee47 62d
1ee49 649
1ee4b 644
1ee4d 646
1ee4e 633
1ee4f 639
1ee51 635
1ee52 642
1ee54 633 6db
1ee57 62e
1ee59 636
1ee5b 63a
1ee5d 649
1ee5f 6a1
1ee61 628 6c
1ee62 62c 6c
1ee64 6f 6c
1ee67 62d 6c
1ee68 637 6c
1ee69 649 6c
1ee6a 643 6c
1ee6c 645 6c
1ee6d 646 6c
1ee6e 633 6c
1ee6f 639 6c
1ee70 641 6c
1ee71 635 6c
1ee72 642 6c
1ee74 633 6db 6c
1ee75 62a 6c
1ee76 649 6db 6c
1ee77 62e 6c
1ee79 636 6c
1ee7a 638 6c
1ee7b 63a 6c
1ee7c 649 6c
1ee7e 6a1 6c
1ee80 6c
1ee81 628
1ee82 62c
1ee83 62f
1ee84 6f
1ee85 6c5
1ee86 632
1ee87 62d
1ee88 637
1ee89 649
1ee8b 644
1ee8c 645
1ee8d 646
1ee8e 633
1ee8f 639
1ee90 641
1ee91 635
1ee92 642
1ee93 631
1ee94 633 6db
1ee95 62a
1ee96 649 6db
1ee97 62e
1ee98 630
1ee99 636
1ee9a 638
1ee9b 63a
1eea1 628
1eea2 62c
1eea3 62f
1eea5 648
1eea6 632
1eea7 62d
1eea8 637
1eea9 649
1eeab 644
1eeac 645
1eead 646
1eeae 633
1eeaf 639
1eeb0 641
1eeb1 635
1eeb2 642
1eeb3 631
1eeb4 633 6db
1eeb5 62a
1eeb6 649 6db
1eeb7 62e
1eeb8 630
1eeb9 636
1eeba 638
1eebb 63a
1eef1 62d 62f
1f100 4f 2e
1f101 4f 2c
1f102 6c 2c
1f103 32 2c
1f104 33 2c
1f105 34 2c
1f106 35 2c
1f107 36 2c
1f108 37 2c
1f109 38 2c
1f10a 39 2c
1f10f 24 20e0
1f110 28 41 29
1f111 28 42 29
1f112 28 43 29
1f113 28 44 29
1f114 28 45 29
1f115 28 46 29
1f116 28 47 29
1f117 28 48 29
1f118 28 6c 29
1f119 28 4a 29
1f11a 28 4b 29
1f11b 28 4c 29
1f11c 28 4d 29
1f11d 28 4e 29
1f11e 28 4f 29
1f11f 28 50 29
1f120 28 51 29
1f121 28 52 29
1f122 28 53 29
1f123 28 54 29
1f124 28 55 29
1f125 28 56 29
1f126 28 57 29
1f127 28 58 29
1f128 28 59 29
1f129 28 5a 29
1f12a 28 53 29
1f12b a9
1f12c ae
1f16d 63 63 20dd
1f16e 43 20e0
1f190 44 4a
1f240 28 672c 29
1f241 28 4e09 29
1f242 28 4e8c 29
1f243 28 5b89 29
1f244 28 70b9 29
1f245 28 6253 29
1f246 28 76d7 29
1f247 28 52dd 29
1f248 28 6557 29
1f312 263d
1f318 263e
1f319 263d
1f333 1cebc
1f34e 1cebd
1f34f 1cebd
1f352 1cebe
1f353 1cebf
1f377 1ceba
1f3e2 1cebb
1f40d 1ccfa
1f443 1ccfc
1f514 1fbfa
1f672 26
1f674 26
1f675 26
1f700 51 45
1f701 a658
1f702 394
1f704 102bc
1f707 41 52
1f708 56 1de4
1f70a 2629
1f714 4f 335
1f728 102a8
1f73a 29df
1f74c 43
1f754 16dc
1f755 22a1
1f75c 73 73 73
1f75e 224f
1f768 54
1f76b 4d 42
1f76c 56 42
1f771 22a0
1fbf0 4f
1fbf1 6c
1fbf2 32
1fbf3 33
1fbf4 34
1fbf5 35
1fbf6 36
1fbf7 37
1fbf8 38
1fbf9 39
20005 311e
2011e 4e8c
2011f 4e8c
20120 4e8c
201f1 4f45
201f9 2ebfb
20302 5098
20457 34a8
2050a 5175
205e5 6e46
205e7 6e2c
205e8 6e2b
205ef 6e76
205f3 6e93
205f5 6ec2
205f6 6e8f
205fd 6f3b
205fe 6f3a
205ff 6ef2
20602 6f31
20606 6f79
20608 6f7a
20609 6f8b
2060a 6fc3
2060b 6fce
2060e 6fae
20610 6fb6
20619 6ffc
2061d 7028
2061f 701d
20620 7024
20623 7042
20674 51f5
206a3 3109
206a4 3005
20730 20727
20ad3 310a
20b9f 53f1
20bb7 5409
20c0c 5473
20c6c 2055b
20f96 5668
2123c 58ec
2125f 58ef
212b9 5794
2143f 58b6
21533 58f7
21587 591a
216a7 216a8
2180c 5ab2
21c23 3115
21d0a 20553
21fe8 276c
22049 5dfd
2231b 5ef6
2232c 20500
22505 5f9a
225bd 5fd7
225ff 603d
22b0e 22aee
230b7 65b3
23377 813c
237ec 6b04
23d40 6d85
23d6d 23ceb
23dbd 2eda4
23f7d 6f78
246c9 821d
2486f 7361
248fd 73a5
24968 7422
24a01 7468
24c12 21d0c
24c6e 200c1
24d01 7589
24f5c 768c
2511a 25119
251e4 251d7
25235 2ed47
25458 781e
2562f 7959
2578a 79e3
25871 25864
25874 7a3d
2592e 7a81
25ad4 8d1b
25b7c 7b93
25c83 7c06
25cbb 7bf9
25d89 7c51
2652e 8034
2659d 265a8
266b9 266b8
26760 23386
26805 2339f
26900 81ed
26936 81f4
2695d 8200
26b6b 26b60
26c25 31f68
26cc6 8412
26cef 8481
26d06 26c36
26f69 26ea4
27144 8637
27255 8695
277f5 277f1
27af4 8b39
27c32 5f56
27ff4 8dca
284dc 9038
28bba 9459
28e93 9686
291dd 6fea
29460 9819
29477 29475
29516 985e
299b4 29994
29c18 4c17
29ff2 29fe3
2acdd 69f1
2aec5 24814
2b35d 2edc5
2b4f0 2ee04
2b738 53f1
2b739 5f50
2b73a 5cc0
2b73e 2335f
2b7f3 2edf5
2bb42 7530
2be14 9832
2bf9f 7c5c
2c09b 5341
2c13a 237c3
2c260 2edb9
2cacd 928a
2d161 5351
2ea07 980b
2ec9d 2d954
2ece1 2ece0
2ed07 2ed06
2ed76 2ed73
2ee1c 2ee1b
31e7c 7dc7
32a8f 2edb5
`;

// src/names.ts
var MAX_MARK_RUN = 4;
var ROLE_WORDS = [
  "host",
  "co-host",
  "cohost",
  "organiser",
  "organizer",
  "moderator",
  "admin",
  "you",
  "me",
  "muted",
  "camera off",
  "screen",
  "sharing screen",
  "speaking",
  "joining",
  "joining…"
];
var WHITE_SPACE_RUN = /\p{White_Space}+/gu;
var EDGE_WHITE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
var CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
var BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
var UNASSIGNED = /[\p{Co}\p{Cn}\p{Cs}]/u;
var VARIATION_SELECTOR = /[\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
var INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
var MARK = /\p{M}/u;
var SPACE_SEPARATOR = /\p{Zs}/u;
var LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
var VISIBLE_BASE = /[\p{L}\p{N}\p{S}]/u;
var DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
function checkName(raw) {
  const trimmed = raw.normalize("NFC").replace(EDGE_WHITE_SPACE, "");
  if (trimmed === "") return refuse("empty", "a name is required");
  const bad = checkCharacters(trimmed);
  if (bad) return bad;
  const name = trimmed.replace(WHITE_SPACE_RUN, " ");
  if ([...name].length > MAX_NAME_CHARS) return refuse("too_long", `a name has at most ${MAX_NAME_CHARS} characters`);
  if (!LETTER_OR_NUMBER.test(name)) return refuse("no_letter", "a name needs at least one letter or digit");
  const mixed = name.split(" ").find((word) => !isSingleScript(word));
  if (mixed !== void 0) {
    return refuse("mixed_scripts", `"${mixed}" mixes alphabets that look alike (such as Latin and Cyrillic) in one word`);
  }
  const role = imitatedRole(name);
  if (role !== null) return refuse("role_mark", `a name cannot end in "${role}": roles are shown as marks beside names`);
  return { ok: true, name };
}
function refuse(rule, reason) {
  return { ok: false, rule, reason };
}
function codePoint(c) {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
function checkCharacters(name) {
  let previous = null;
  let markRun = 0;
  for (const c of name) {
    if (CONTROL.test(c)) return refuse("control", "a name cannot contain control characters or line breaks");
    if (BIDI_CONTROL.test(c)) {
      return refuse("bidi", `a name cannot contain characters that change the direction of text (${codePoint(c)})`);
    }
    if (UNASSIGNED.test(c)) return refuse("unassigned", `a name cannot contain unassigned or private-use characters (${codePoint(c)})`);
    if (VARIATION_SELECTOR.test(c)) {
      if (previous === null || !VISIBLE_BASE.test(previous)) return invisible(c);
      continue;
    }
    if (INVISIBLE.test(c)) return invisible(c);
    if (MARK.test(c)) {
      markRun += 1;
      const afterBase = previous !== null && !SPACE_SEPARATOR.test(previous);
      if (!afterBase || markRun > MAX_MARK_RUN) {
        return refuse("marks", `a name cannot start a word with a combining mark or stack more than ${MAX_MARK_RUN} of them`);
      }
    } else {
      markRun = 0;
    }
    previous = c;
  }
  return null;
}
function invisible(c) {
  return refuse("invisible", `a name cannot contain invisible characters (${codePoint(c)})`);
}
var ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u;
var scriptTests = null;
var scriptSets = /* @__PURE__ */ new Map();
function scriptSetOf(c) {
  const cached = scriptSets.get(c);
  if (cached) return cached;
  scriptTests ??= SCRIPTS.split(" ").flatMap((code) => {
    try {
      return [[code, new RegExp(`\\p{scx=${code}}`, "u")]];
    } catch {
      return [];
    }
  });
  const all = ANY_SCRIPT.test(c);
  const scripts = new Set(all ? [] : scriptTests.filter(([, re]) => re.test(c)).map(([code]) => code));
  const han = all || scripts.has("Hani");
  const set = {
    all,
    scripts,
    hanb: han || scripts.has("Bopo"),
    jpan: han || scripts.has("Hira") || scripts.has("Kana"),
    kore: han || scripts.has("Hang")
  };
  scriptSets.set(c, set);
  return set;
}
function isSingleScript(word) {
  let scripts = null;
  let hanb = true;
  let jpan = true;
  let kore = true;
  for (const c of word) {
    const set = scriptSetOf(c);
    if (set.all) continue;
    scripts = intersect(scripts, set.scripts);
    hanb &&= set.hanb;
    jpan &&= set.jpan;
    kore &&= set.kore;
  }
  return scripts === null || scripts.size > 0 || hanb || jpan || kore;
}
function intersect(a, b) {
  if (a === null) return new Set(b);
  return new Set([...a].filter((s) => b.has(s)));
}
var prototypes = null;
function prototypeTable() {
  if (prototypes) return prototypes;
  const table = /* @__PURE__ */ new Map();
  for (const line of CONFUSABLES.split("\n")) {
    const [from, ...to] = line.split(" ");
    if (!from || to.length === 0) continue;
    table.set(parseInt(from, 16), String.fromCodePoint(...to.map((h) => parseInt(h, 16))));
  }
  prototypes = table;
  return table;
}
function skeleton(name) {
  const table = prototypeTable();
  let out = "";
  for (const c of name.normalize("NFD").replace(DEFAULT_IGNORABLE, "")) {
    out += table.get(c.codePointAt(0) ?? 0) ?? c;
  }
  return out.normalize("NFD");
}
function imitatedRole(name) {
  const tail = comparable(name);
  for (const word of ROLE_WORDS) {
    for (const marked of [`(${word})`, `[${word}]`]) {
      if (tail.endsWith(comparable(marked))) return marked;
    }
  }
  return null;
}
function comparable(text) {
  return skeleton(text.toLowerCase()).replace(WHITE_SPACE_RUN, "");
}
function labelNames(entries, unknown) {
  const studied = entries.map((e) => ({ entry: e, study: e.name === null ? null : study(e.name) }));
  const counts = /* @__PURE__ */ new Map();
  for (const { study: study2 } of studied) {
    if (!study2?.check.ok) continue;
    for (const k of study2.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = /* @__PURE__ */ new Map();
  for (const { entry, study: study2 } of studied) {
    if (study2 === null) {
      out.set(entry.key, { text: unknown, tag: entry.tag, problem: "their identity could not be read" });
    } else if (!study2.check.ok) {
      out.set(entry.key, { text: unknown, tag: entry.tag, problem: `their name breaks the name rules: ${study2.check.reason}` });
    } else {
      const alike = study2.keys.some((k) => (counts.get(k) ?? 0) > 1);
      out.set(entry.key, { text: study2.check.name, tag: alike ? entry.tag : null, problem: null });
    }
  }
  return out;
}
var STUDY_CACHE_SIZE = 1e3;
var studies = /* @__PURE__ */ new Map();
function study(name) {
  const cached = studies.get(name);
  if (cached) return cached;
  const check = checkName(name);
  const keys = check.ok ? [`=${skeleton(check.name)}`, `~${skeleton(check.name.toLowerCase())}`] : [];
  if (studies.size >= STUDY_CACHE_SIZE) studies.clear();
  const result = { check, keys };
  studies.set(name, result);
  return result;
}

// src/e2ee/memberNames.ts
function encodeChat(text) {
  return new TextEncoder().encode(JSON.stringify({ type: "chat", text }));
}
function encodeIntroduce(name) {
  return new TextEncoder().encode(JSON.stringify({ type: "introduce", name }));
}
function decodeApplication(data) {
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch {
    return { ignored: "it is not UTF-8 JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ignored: "it is not a JSON object" };
  const fields = value;
  const type = fields["type"];
  if (type === "chat") {
    const text = fields["text"];
    return typeof text === "string" ? { type, text } : { ignored: "a chat message without text" };
  }
  if (type === "introduce") {
    const name = fields["name"];
    return typeof name === "string" ? { type, name } : { ignored: "an introduction without a name" };
  }
  return { ignored: `unknown type ${JSON.stringify(type)}` };
}
function isValidName(name) {
  const checked = checkName(name);
  return checked.ok && checked.name === name;
}
var Introductions = class {
  byLeaf = /* @__PURE__ */ new Map();
  /** Records `name` for `who`; returns why it was ignored, or null if taken. */
  record(who, name) {
    if (!isValidName(name)) return "its name is not what the name rules make of it";
    this.byLeaf.set(who.leaf, { who, name });
    return null;
  }
  /** The introduced name of whoever holds this leaf now, if it introduced itself. */
  nameOf(who) {
    const entry = this.byLeaf.get(who.leaf);
    return entry && sameMember(entry.who, who) ? entry.name : null;
  }
  /** Keeps only the introductions of members still on their leaf (after every epoch change). */
  keepOnly(current2) {
    for (const [leaf, entry] of this.byLeaf) {
      const now = current2.find((c) => c.leaf === leaf);
      if (!now || !sameMember(now, entry.who)) this.byLeaf.delete(leaf);
    }
  }
  clear() {
    this.byLeaf.clear();
  }
};
function sameMember(a, b) {
  return a.leaf === b.leaf && a.participant === b.participant && a.signatureKey === b.signatureKey;
}
function resolveName(facts, warn) {
  const { admission: admission2, introduced } = facts;
  if (admission2 === null) return introduced;
  const rosterName = admission2.rosterName;
  if (rosterName !== void 0 && rosterName !== "") {
    if (isValidName(rosterName)) return rosterName;
    warn(`its roster name ${JSON.stringify(rosterName)} is not what the name rules make of it`);
  }
  return admission2.validHost ? introduced : null;
}
function unnamedLabel(participant) {
  return `Participant ${participant}`;
}

// src/e2ee/mls.ts
var MLS_CIPHER_SUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";
var SFRAME_BASE_KEY_LABEL = "SFrame 1.0 Base Key";
var KEY_PACKAGE_BACKDATE_S = 3600n;
var KEY_PACKAGE_LIFETIME_S = 3n * 24n * 3600n;
var UNKNOWN_MEMBER = "Unknown member";
function memberLabel(m) {
  if (m.participant === null) return UNKNOWN_MEMBER;
  return m.name ?? unnamedLabel(m.participant);
}
function isMlsMessage(msg) {
  return msg.type.startsWith("mls_");
}
function credentialIdentity(participant) {
  return new TextEncoder().encode(JSON.stringify({ participant }));
}
function parseCredential(credential) {
  if (credential.credentialType !== "basic") return null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(credential.identity);
    const value = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { participant } = value;
    if (typeof participant !== "number" || !Number.isSafeInteger(participant) || participant < 0) return null;
    if (!sameBytes2(credentialIdentity(participant), credential.identity)) return null;
    return { participant };
  } catch {
    return null;
  }
}
function sameBytes2(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function membersOf(state) {
  const out = [];
  state.ratchetTree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== "leaf") return;
    const id = parseCredential(node.leaf.credential);
    out.push({ leaf: index / 2, participant: id?.participant ?? null, name: null });
  });
  return out;
}
function leafIdentities(tree) {
  const out = [];
  tree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== "leaf") return;
    const participant = parseCredential(node.leaf.credential)?.participant;
    if (participant !== void 0) out.push({ leaf: index / 2, participant, signatureKey: signatureKeyText(node.leaf.signaturePublicKey) });
  });
  return out;
}
function addedParticipants(before, after) {
  const old = new Set(leafIdentities(before.ratchetTree).map((l) => `${l.participant} ${l.signatureKey}`));
  return leafIdentities(after.ratchetTree).filter((l) => !old.has(`${l.participant} ${l.signatureKey}`)).map((l) => l.participant);
}
function toBase642(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768));
  return btoa(s);
}
function fromBase642(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
function decodeMessage(base64) {
  const decoded = decodeMlsMessage(fromBase642(base64), 0);
  if (!decoded) throw new Error("not an MLS message");
  return decoded[0];
}
var suitePromise = null;
function cipherSuite() {
  suitePromise ??= getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHER_SUITE));
  return suitePromise;
}
function admissionLeaves(state) {
  const out = [];
  state.ratchetTree.forEach((node, index) => {
    if (index % 2 !== 0 || node?.nodeType !== "leaf") return;
    out.push({ leaf: index / 2, participant: parseCredential(node.leaf.credential)?.participant ?? null, signatureKey: node.leaf.signaturePublicKey });
  });
  return out;
}
function isRosterExtension(e) {
  return e.extensionType === ROSTER_EXTENSION_TYPE;
}
function rosterOf(state) {
  const ext = state.groupContext.extensions.find(isRosterExtension);
  if (!ext) return { roster: null, bytes: null };
  return { roster: parseRoster(ext.extensionData), bytes: ext.extensionData };
}
function recordingOf(state) {
  const to = rosterOf(state).roster?.recording?.to;
  if (to === void 0) return null;
  try {
    const key = fromBase642(to);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}
var MlsClient = class {
  constructor(participant, name, send, events, admission2 = null) {
    this.participant = participant;
    this.name = name;
    this.send = send;
    this.events = events;
    this.admission = admission2;
  }
  participant;
  name;
  send;
  events;
  admission;
  state = null;
  keyPackage = null;
  pending = null;
  chain = Promise.resolve();
  closed = false;
  /** Set once a violation was seen: this member is done. */
  tamperedWith = false;
  admitted = /* @__PURE__ */ new Map();
  /** Members' latest valid introductions, by leaf (docs/e2ee.md, "Names"). */
  introductions = new Introductions();
  /** Problems with names already reported, so each is logged once rather than at every epoch. */
  warnedNames = /* @__PURE__ */ new Set();
  /**
   * A host promoted this member to co-host and it opened the meeting
   * secret (checked against the link's public key by the caller): from now
   * on it endorses itself, and its next commit appends its own endorsed
   * entry to the roster's hosts (docs/admission.md, "Co-hosts").
   */
  becomeHost(secret) {
    const admission2 = this.admission;
    if (!admission2 || admission2.secret) return;
    this.admission = { publicKey: admission2.publicKey, secret, recordingKey: admission2.recordingKey ?? null };
  }
  /** Whether this member holds the meeting secret (a host, or a promoted co-host). */
  get holdsMeetingKey() {
    return this.isHostKeyHolder;
  }
  /** Whether this member enforces admission. */
  get enforcing() {
    return this.admission !== null;
  }
  get isHostKeyHolder() {
    return this.admission?.secret != null;
  }
  verifier() {
    const key = this.admission?.publicKey;
    return (participant, signatureKey, endorsement) => key !== void 0 && verifyEndorsement(key, participant, signatureKey, endorsement);
  }
  /** The current epoch, or null before joining the group. */
  get epoch() {
    return this.state?.groupContext.epoch ?? null;
  }
  get members() {
    return this.state ? this.shownMembers(this.state) : [];
  }
  /**
   * Makes the KeyPackage and sends it; call once, right after `welcome`. A
   * host's carries the meeting key's endorsement of its signature key, so
   * any member may commit its Add.
   */
  start() {
    return this.enqueue("KeyPackage", async () => {
      const key_package = await this.freshKeyPackage();
      const host_endorsement = this.ownEndorsement();
      this.send(host_endorsement ? { type: "mls_key_package", key_package, host_endorsement } : { type: "mls_key_package", key_package });
    });
  }
  /**
   * Makes the KeyPackage a knock carries (a guest in the lobby): it goes to
   * the hosts sealed, never to the server in the clear.
   */
  knockKeyPackage() {
    let out = "";
    return this.enqueue("KeyPackage", async () => {
      out = await this.freshKeyPackage();
    }).then(() => out);
  }
  /**
   * A host's click on Admit: the only KeyPackage this host will commit for
   * that participant's knock, and the name the roster will give them.
   */
  admit(participant, keyPackage, name) {
    this.admitted.set(participant, { keyPackage: fromBase642(keyPackage), name });
  }
  /**
   * What a host's commit writes into the roster when the server asks it to
   * start (the link's recording key, else the meeting key) or stop a
   * recording (docs/recording.md).
   */
  recordingEntry(on) {
    const admission2 = this.admission;
    if (!on || !admission2) return null;
    return { to: toBase642(admission2.recordingKey ?? admission2.publicKey.knock) };
  }
  /** This member's own endorsed host entry for the roster, if it holds the meeting secret. */
  ownHostEntry(state) {
    const secret = this.admission?.secret;
    const node = state.ratchetTree[state.privatePath.leafIndex * 2];
    if (!secret || node?.nodeType !== "leaf") return null;
    const signatureKey = node.leaf.signaturePublicKey;
    return { participant: this.participant, signature_key: signatureKeyText(signatureKey), endorsement: endorseHost(secret, this.participant, signatureKey) };
  }
  /** The endorsement of this member's current signature key, if it holds the meeting secret. */
  ownEndorsement() {
    const secret = this.admission?.secret;
    const kp = this.keyPackage;
    if (!secret || !kp) return void 0;
    return endorseHost(secret, this.participant, kp.publicPackage.leafNode.signaturePublicKey);
  }
  async freshKeyPackage() {
    const cs = await cipherSuite();
    const now = BigInt(Math.floor(Date.now() / 1e3));
    const capabilities = defaultCapabilities();
    if (this.admission) capabilities.extensions = [...capabilities.extensions, ROSTER_EXTENSION_TYPE];
    this.keyPackage = await generateKeyPackage(
      { credentialType: "basic", identity: credentialIdentity(this.participant) },
      capabilities,
      { notBefore: now - KEY_PACKAGE_BACKDATE_S, notAfter: now + KEY_PACKAGE_LIFETIME_S },
      [],
      cs
    );
    const message = { version: "mls10", wireformat: "mls_key_package", keyPackage: this.keyPackage.publicPackage };
    return toBase642(encodeMlsMessage(message));
  }
  /**
   * Our group state is unusable, or the server says we are out: drop it
   * (no more keys under it), and ask to be added again with a fresh
   * KeyPackage instead of sitting on a dead epoch.
   */
  async rejoin(reason) {
    console.warn(`conclave: rejoining the encrypted group: ${reason}`);
    this.state = null;
    this.pending = null;
    this.events.rejoining(reason);
    const key_package = await this.freshKeyPackage();
    if (this.admission && !this.isHostKeyHolder) {
      this.events.reknock(key_package);
      return;
    }
    const host_endorsement = this.ownEndorsement();
    const msg = { type: "mls_rejoin", key_package, reason: reason.slice(0, MAX_REASON_CHARS) };
    this.send(host_endorsement ? { ...msg, host_endorsement } : msg);
  }
  /**
   * The admission rules were broken: drop the group state (no more keys),
   * stop handling anything, and raise the alarm. No rejoin.
   */
  tamper(reason) {
    console.error(`conclave: the meeting's membership was tampered with: ${reason}`);
    this.tamperedWith = true;
    this.state = null;
    this.pending = null;
    this.keyPackage = null;
    this.events.tampered(reason);
  }
  /** Takes an `mls_*` server message; it is handled after those before it. */
  handle(msg) {
    return this.enqueue(msg.type, () => this.dispatch(msg));
  }
  /** Encrypts and sends one chat message. */
  sendChat(text) {
    let sender = null;
    return this.enqueue("chat", async () => {
      const state = this.state;
      if (!state) throw new Error("Not in the encrypted group yet.");
      if (text.length > MAX_CHAT_CHARS) throw new Error(`A message can have at most ${MAX_CHAT_CHARS} characters.`);
      await this.sendApplication(state, encodeChat(text), null);
      sender = this.shownMembers(state).find((m) => m.leaf === state.privatePath.leafIndex) ?? null;
    }).then(() => sender);
  }
  /**
   * Encrypts application data and sends it, to everyone (`to` null) or to
   * the listed members. The caller runs inside the queue.
   */
  async sendApplication(state, data, to) {
    const cs = await cipherSuite();
    const { newState, privateMessage } = await createApplicationMessage(state, data, cs);
    this.state = newState;
    const message = { version: "mls10", wireformat: "mls_private_message", privateMessage };
    const encoded = toBase642(encodeMlsMessage(message));
    if (encoded.length > MAX_MLS_APPLICATION_BYTES) throw new Error("The message is too long.");
    const msg = { type: "mls_application", epoch: state.groupContext.epoch, message: encoded };
    this.send(to === null ? msg : { ...msg, to });
  }
  /**
   * Whether the group names us only by our introduction: always without
   * admission; with it, when our roster entry has no name (a host another
   * member added with its endorsement).
   */
  needsIntroduction(state) {
    if (!this.admission) return true;
    const { roster } = rosterOf(state);
    const entry = roster ? memberEntry(roster, this.participant) : void 0;
    return entry === void 0 || entry.name === "";
  }
  /**
   * Introduces us, if the group has no name for us, to everyone (`to`
   * null: just in the group) or to the members a commit added, at most
   * MAX_APPLICATION_RECIPIENTS per message as the server allows.
   */
  async introduce(to) {
    const state = this.state;
    if (!state || !this.needsIntroduction(state)) return;
    if (to === null) {
      await this.sendApplication(state, encodeIntroduce(this.name), null);
      return;
    }
    const others = [...new Set(to)].filter((p) => p !== this.participant);
    for (let i = 0; i < others.length; i += MAX_APPLICATION_RECIPIENTS) {
      const current2 = this.state;
      if (!current2) return;
      await this.sendApplication(current2, encodeIntroduce(this.name), others.slice(i, i + MAX_APPLICATION_RECIPIENTS));
    }
  }
  close() {
    this.closed = true;
    this.state = null;
    this.pending = null;
    this.keyPackage = null;
  }
  /** Resolves once every operation queued so far has finished (for tests). */
  idle() {
    return this.chain;
  }
  enqueue(what, op) {
    const run = this.chain.then(async () => {
      if (this.closed || this.tamperedWith) return;
      await op();
    });
    this.chain = run.catch((e) => {
      const message = e instanceof Error ? e.message : String(e);
      console.warn(`conclave: MLS ${what} failed:`, e);
      if (!this.closed) this.events.problem(`Encryption: ${what} failed: ${message}`);
    });
    return run;
  }
  async dispatch(msg) {
    switch (msg.type) {
      case "mls_create_group":
        return this.createGroup();
      case "mls_commit_request":
        return this.commit(BigInt(msg.epoch), msg.adds, msg.removes, msg.update, msg.recording);
      case "mls_commit_accepted":
        return this.accepted(BigInt(msg.epoch));
      case "mls_commit_rejected":
        if (this.pending && this.pending.epoch === BigInt(msg.epoch)) this.dropPending();
        return;
      case "mls_commit":
        return this.processCommit(BigInt(msg.epoch), msg.commit);
      case "mls_welcome":
        return this.join(msg.welcome);
      case "mls_application":
        return this.receiveApplication(msg.message);
      case "mls_reset":
        return this.rejoin(`reset by the server: ${msg.reason}`);
    }
  }
  async createGroup() {
    if (this.state) return;
    const kp = this.keyPackage;
    if (!kp) throw new Error("no KeyPackage");
    const cs = await cipherSuite();
    const groupId = crypto.getRandomValues(new Uint8Array(16));
    const extensions = [];
    if (this.admission) {
      const endorsement = this.ownEndorsement();
      if (!endorsement) throw new Error("only a host can create the group of a meeting with a lobby");
      const roster = {
        v: 1,
        hosts: [{ participant: this.participant, signature_key: signatureKeyText(kp.publicPackage.leafNode.signaturePublicKey), endorsement }],
        members: [{ participant: this.participant, name: this.name, admitted_by: null }],
        recording: null
      };
      extensions.push({
        extensionType: "required_capabilities",
        extensionData: encodeRequiredCapabilities({ extensionTypes: [ROSTER_EXTENSION_TYPE], proposalTypes: [], credentialTypes: [] })
      });
      extensions.push({ extensionType: ROSTER_EXTENSION_TYPE, extensionData: encodeRoster(roster) });
    }
    this.state = await createGroup(groupId, kp.publicPackage, kp.privatePackage, extensions, cs);
    this.send({ type: "mls_group_created" });
    await this.epochChanged();
    await this.introduce(null);
  }
  async commit(epoch, adds, removes, update, recording) {
    const state = this.state;
    if (!state || state.groupContext.epoch !== epoch) {
      console.warn(`conclave: commit request for epoch ${epoch} but we are at ${this.epoch}`);
      return;
    }
    const members = membersOf(state);
    const addProposals = [];
    let added = [];
    const admission2 = this.admission ? this.admissionPlan(state) : null;
    for (const add3 of adds) {
      const keyPackage = checkedKeyPackage(add3);
      if (!keyPackage) continue;
      if (members.some((m) => m.participant === add3.participant) || added.includes(add3.participant)) continue;
      if (admission2 && !admission2.take(add3, keyPackage)) continue;
      addProposals.push({ proposalType: "add", add: { keyPackage } });
      added.push(add3.participant);
    }
    const removeProposals = [];
    const removed = [];
    for (const participant of removes) {
      for (const m of members) {
        if (m.participant === participant && m.leaf !== state.privatePath.leafIndex) {
          removeProposals.push({ proposalType: "remove", remove: { removed: m.leaf } });
          if (!removed.includes(participant)) removed.push(participant);
        }
      }
    }
    void update;
    const cs = await cipherSuite();
    const rosterProposals = [];
    const roster = admission2?.rosterAfter(removes, recording === void 0 ? void 0 : this.recordingEntry(recording));
    if (roster) {
      const extensions = [...state.groupContext.extensions.filter((e) => !isRosterExtension(e)), { extensionType: ROSTER_EXTENSION_TYPE, extensionData: roster }];
      rosterProposals.push({ proposalType: "group_context_extensions", groupContextExtensions: { extensions } });
    }
    let result;
    try {
      result = await createCommit(
        { state, cipherSuite: cs },
        { extraProposals: [...addProposals, ...removeProposals, ...rosterProposals], ratchetTreeExtension: true }
      );
    } catch (e) {
      console.warn("conclave: commit failed, retrying with removes only", e);
      added = [];
      for (const [participant, admitted] of admission2?.used ?? []) this.admitted.set(participant, admitted);
      admission2?.used.clear();
      result = await createCommit({ state, cipherSuite: cs }, { extraProposals: removeProposals, ratchetTreeExtension: true });
    }
    this.pending = { epoch, state: result.newState, added, admissions: admission2?.used ?? /* @__PURE__ */ new Map() };
    const commit = toBase642(encodeMlsMessage(result.commit));
    if (result.welcome && added.length > 0) {
      const welcome = toBase642(encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome: result.welcome }));
      this.send({ type: "mls_commit", epoch, commit, welcome, added, removed });
    } else {
      this.send({ type: "mls_commit", epoch, commit, added, removed });
    }
  }
  /**
   * Our commit lost (rejected, or another one won the epoch): the knocks it
   * would have added may be committed when the server asks again. An
   * accepted commit uses them up for good, so a removed guest's old
   * KeyPackage is never added again without a new click.
   */
  dropPending() {
    for (const [participant, admitted] of this.pending?.admissions ?? []) {
      if (!this.admitted.has(participant)) this.admitted.set(participant, admitted);
    }
    this.pending = null;
  }
  async accepted(epoch) {
    const pending = this.pending;
    if (!pending || pending.epoch !== epoch) return;
    this.pending = null;
    this.state = pending.state;
    await this.epochChanged();
    if (pending.added.length > 0) await this.introduce(pending.added);
  }
  async processCommit(epoch, commit) {
    const state = this.state;
    if (!state) return;
    if (epoch < state.groupContext.epoch) {
      console.warn(`conclave: ignoring a commit for epoch ${epoch}; we are at ${state.groupContext.epoch}`);
      return;
    }
    if (epoch > state.groupContext.epoch) return this.rejoin(`missed epochs ${state.groupContext.epoch}..${epoch}`);
    let result;
    let content = null;
    try {
      const message = decodeMessage(commit);
      if (message.wireformat !== "mls_private_message" && message.wireformat !== "mls_public_message") {
        throw new Error(`a commit arrived as ${message.wireformat}`);
      }
      const cs = await cipherSuite();
      if (this.admission) {
        content = message.wireformat === "mls_public_message" ? message.publicMessage.content : await this.peekPrivate(state, message.privateMessage, cs);
        const refusal = refuseOutright(content);
        if (refusal) return this.tamper(refusal);
      }
      result = await processMessage(message, state, emptyPskIndex, acceptAll, cs);
      if (result.kind !== "newState") throw new Error("expected a commit, got an application message");
    } catch (e) {
      return this.rejoin(`could not process the commit for epoch ${epoch}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.admission && content?.contentType === "commit") {
      const refusal = this.checkIncomingCommit(state, result.newState, content);
      if (refusal) return this.tamper(refusal);
    }
    if (this.pending?.epoch === epoch) this.dropPending();
    this.state = result.newState;
    if (result.newState.groupActiveState.kind === "removedFromGroup") {
      this.state = null;
      this.introductions.clear();
      this.events.removed();
      return;
    }
    await this.epochChanged();
    const added = addedParticipants(state, result.newState);
    if (added.length > 0) await this.introduce(added);
  }
  async join(welcome) {
    if (this.state) return;
    const kp = this.keyPackage;
    if (!kp) throw new Error("no KeyPackage");
    try {
      const message = decodeMessage(welcome);
      if (message.wireformat !== "mls_welcome") throw new Error(`a Welcome arrived as ${message.wireformat}`);
      const cs = await cipherSuite();
      const joined = await joinGroup(message.welcome, kp.publicPackage, kp.privatePackage, emptyPskIndex, cs);
      if (this.admission) {
        const refusal = checkWelcome(rosterOf(joined).roster, admissionLeaves(joined), joined.privatePath.leafIndex, this.verifier());
        if (refusal) return this.tamper(`refused the Welcome: ${refusal}`);
      }
      this.state = joined;
    } catch (e) {
      return this.rejoin(`could not join from the Welcome: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.epochChanged();
    await this.introduce(null);
  }
  /** Decrypts a private commit to read it; the state is left as it was. */
  async peekPrivate(state, pm, cs) {
    const result = await unprotectPrivateMessage(
      state.keySchedule.senderDataSecret,
      pm,
      state.secretTree,
      state.ratchetTree,
      state.groupContext,
      state.clientConfig.keyRetentionConfig,
      cs
    );
    return result.content.content;
  }
  /** docs/admission.md's commit checks, on the states before and after it. */
  checkIncomingCommit(before, after, content) {
    const proposals = [];
    let byReference = false;
    for (const p of content.commit.proposals) {
      if (p.proposalOrRefType !== "proposal") {
        byReference = true;
        continue;
      }
      proposals.push(summarize(p.proposal));
    }
    const rosterBefore = rosterOf(before);
    const rosterAfter = rosterOf(after);
    return checkCommit(
      {
        committerLeaf: content.sender.senderType === "member" ? content.sender.leafIndex : null,
        byReference,
        proposals,
        before: { roster: rosterBefore.roster, rosterBytes: rosterBefore.bytes, leaves: admissionLeaves(before) },
        after: { roster: rosterAfter.roster, rosterBytes: rosterAfter.bytes, leaves: admissionLeaves(after) }
      },
      this.verifier()
    );
  }
  /**
   * Which of the Adds a commit request asks for this member may commit,
   * and the roster that records them: a host commits the knocks it
   * admitted (byte for byte the KeyPackage it opened); anyone commits hosts
   * whose KeyPackage the meeting key endorses; nothing else.
   */
  admissionPlan(state) {
    const { roster, bytes } = rosterOf(state);
    const leaves = admissionLeaves(state);
    const verify = this.verifier();
    const ownLeaf = state.privatePath.leafIndex;
    const listedHost = roster !== null && validHosts(roster, leaves, verify).has(ownLeaf);
    const ownEntry = listedHost || roster === null ? null : this.ownHostEntry(state);
    const amHost = listedHost || ownEntry !== null;
    const newHosts = [];
    const newMembers = [];
    const used = /* @__PURE__ */ new Map();
    return {
      used,
      take: (add3, keyPackage) => {
        if (!roster) return false;
        if (!keyPackage.leafNode.capabilities.extensions.includes(ROSTER_EXTENSION_TYPE)) {
          console.warn(`conclave: not adding participant ${add3.participant}: their client does not support the roster`);
          return false;
        }
        if (add3.knock) {
          const admitted = this.admitted.get(add3.participant);
          if (!amHost || !admitted || !sameBytes2(admitted.keyPackage, fromBase642(add3.key_package))) {
            console.warn(`conclave: not adding participant ${add3.participant}: no host's admission of this KeyPackage here`);
            return false;
          }
          this.admitted.delete(add3.participant);
          used.set(add3.participant, admitted);
          newMembers.push({ participant: add3.participant, name: admitted.name, admitted_by: this.participant });
          return true;
        }
        const endorsement = add3.host_endorsement;
        const signatureKey = keyPackage.leafNode.signaturePublicKey;
        if (endorsement === void 0 || !verify(add3.participant, signatureKey, endorsement)) {
          console.warn(`conclave: not adding participant ${add3.participant}: neither an admitted knock nor an endorsed host`);
          return false;
        }
        newHosts.push({ participant: add3.participant, signature_key: signatureKeyText(signatureKey), endorsement });
        newMembers.push({ participant: add3.participant, name: "", admitted_by: null });
        return true;
      },
      rosterAfter: (removes, recording) => {
        if (!roster || !bytes || newHosts.length === 0 && newMembers.length === 0 && ownEntry === null && recording === void 0) return null;
        const added = new Set(newMembers.map((m) => m.participant));
        let hosts = roster.hosts.filter((h) => !added.has(h.participant));
        let members = roster.members.filter((m) => !added.has(m.participant));
        if (amHost) {
          const staying = leaves.filter((l) => l.participant !== null && !removes.includes(l.participant));
          hosts = hosts.filter((h) => staying.some((l) => l.participant === h.participant && signatureKeyText(l.signatureKey) === h.signature_key));
          members = members.filter((m) => staying.some((l) => l.participant === m.participant));
        }
        if (ownEntry) hosts = [...hosts.filter((h) => h.participant !== this.participant), ownEntry];
        const next = encodeRoster({
          v: 1,
          hosts: [...hosts, ...newHosts],
          members: [...members, ...newMembers],
          recording: recording === void 0 ? roster.recording : recording
        });
        return sameBytes2(next, bytes) ? null : next;
      }
    };
  }
  /**
   * A chat message or an introduction from another member. Its data is the
   * JSON envelope of docs/e2ee.md; anything else (malformed, or a type of a
   * later version) is ignored with a warning, not an alarm.
   */
  async receiveApplication(base64) {
    const state = this.state;
    if (!state) return;
    const message = decodeMessage(base64);
    if (message.wireformat !== "mls_private_message") throw new Error(`an application message arrived as ${message.wireformat}`);
    const cs = await cipherSuite();
    const { data, sender } = await this.unprotectApplication(state, message.privateMessage, cs);
    const decoded = decodeApplication(data);
    if ("ignored" in decoded) {
      console.warn(`conclave: ignoring an application message from leaf ${sender.leaf}: ${decoded.ignored}`);
      return;
    }
    const current2 = this.state ?? state;
    if (decoded.type === "chat") {
      const named = sender.who ? this.shownMembers(current2).find((m) => m.leaf === sender.who?.leaf && m.participant === sender.who.participant) : void 0;
      this.events.chat(named ?? { leaf: sender.leaf, participant: sender.who?.participant ?? null, name: null }, decoded.text);
      return;
    }
    this.receiveIntroduction(current2, sender.leaf, sender.who, decoded.name);
  }
  /** Takes an introduction if its sender may name itself so (docs/e2ee.md, "Names"). */
  receiveIntroduction(state, leaf, who, name) {
    const ignore = (why) => console.warn(`conclave: ignoring the introduction of leaf ${leaf}: ${why}`);
    if (!who) return ignore("its credential cannot be read");
    const now = leafIdentities(state.ratchetTree).find((l) => l.leaf === who.leaf);
    if (!now || now.participant !== who.participant || now.signatureKey !== who.signatureKey) return ignore("the sender is no longer in the group");
    if (this.admission && !this.isValidHostLeaf(state, who.leaf)) return ignore(`participant ${who.participant} is not a host, and only hosts introduce themselves here`);
    const problem = this.introductions.record(who, name);
    if (problem) return ignore(problem);
    this.events.names?.(this.shownMembers(state));
  }
  isValidHostLeaf(state, leaf) {
    const { roster } = rosterOf(state);
    return roster !== null && validHosts(roster, admissionLeaves(state), this.verifier()).has(leaf);
  }
  /**
   * Like ts-mls's processPrivateMessage for application data, but keeps the
   * sender's leaf (in the tree of the message's epoch), so what the data
   * says is tied to the sender's credential and not to what the server claims.
   */
  async unprotectApplication(state, pm, cs) {
    if (pm.contentType !== "application") throw new Error("not an application message");
    const current2 = pm.epoch === state.groupContext.epoch;
    const data = current2 ? { senderDataSecret: state.keySchedule.senderDataSecret, secretTree: state.secretTree, ratchetTree: state.ratchetTree, groupContext: state.groupContext } : state.historicalReceiverData.get(pm.epoch);
    if (!data) throw new Error(`an application message from epoch ${pm.epoch}, which we no longer have`);
    const result = await unprotectPrivateMessage(data.senderDataSecret, pm, data.secretTree, data.ratchetTree, data.groupContext, state.clientConfig.keyRetentionConfig, cs);
    const content = result.content.content;
    if (content.contentType !== "application" || content.sender.senderType !== "member") throw new Error("not a member application message");
    if (current2) {
      this.state = { ...state, secretTree: result.tree };
    } else {
      const historical = new Map(state.historicalReceiverData);
      const old = state.historicalReceiverData.get(pm.epoch);
      if (old) historical.set(pm.epoch, { ...old, secretTree: result.tree });
      this.state = { ...state, historicalReceiverData: historical };
    }
    const leaf = content.sender.leafIndex;
    const who = leafIdentities(data.ratchetTree).find((l) => l.leaf === leaf) ?? null;
    return { data: content.applicationData, sender: { leaf, who } };
  }
  async epochChanged() {
    const state = this.state;
    if (!state) return;
    this.introductions.keepOnly(leafIdentities(state.ratchetTree));
    const cs = await cipherSuite();
    const baseKey = await mlsExporter(state.keySchedule.exporterSecret, SFRAME_BASE_KEY_LABEL, new Uint8Array(0), 16, cs);
    this.events.epoch({
      epoch: state.groupContext.epoch,
      baseKey,
      ownLeaf: state.privatePath.leafIndex,
      securityCode: securityCode(state.keySchedule.epochAuthenticator),
      members: this.shownMembers(state),
      admission: this.admission ? this.admissionView(state) : null,
      recording: recordingOf(state)
    });
  }
  /**
   * The members as they are shown, named by docs/e2ee.md's "Names": the
   * roster's name (attested by the admitting host, so nobody renames
   * themselves), else a valid host's or, without admission, anyone's
   * introduction, else none yet. Our own name is what we typed, whatever
   * the group says.
   */
  shownMembers(state) {
    const { roster } = this.admission ? rosterOf(state) : { roster: null };
    const hosts = roster ? validHosts(roster, admissionLeaves(state), this.verifier()) : /* @__PURE__ */ new Map();
    const identities = new Map(leafIdentities(state.ratchetTree).map((l) => [l.leaf, l]));
    const ownLeaf = state.privatePath.leafIndex;
    return membersOf(state).map((m) => {
      const who = identities.get(m.leaf);
      if (m.participant === null || !who) return m;
      const resolved = resolveName(
        {
          admission: this.admission ? { rosterName: roster ? memberEntry(roster, m.participant)?.name : void 0, validHost: hosts.has(m.leaf) } : null,
          introduced: this.introductions.nameOf(who)
        },
        (problem) => this.warnName(`participant ${m.participant}: ${problem}`)
      );
      return { ...m, name: resolved ?? (m.leaf === ownLeaf ? this.name : null) };
    });
  }
  warnName(problem) {
    if (this.warnedNames.has(problem)) return;
    this.warnedNames.add(problem);
    console.warn(`conclave: ignoring a name: ${problem}`);
  }
  admissionView(state) {
    const { roster } = rosterOf(state);
    const view2 = { hosts: [], admittedBy: /* @__PURE__ */ new Map() };
    if (!roster) return view2;
    view2.hosts = [...validHosts(roster, admissionLeaves(state), this.verifier()).values()];
    for (const m of membersOf(state)) {
      if (m.participant === null) continue;
      const entry = memberEntry(roster, m.participant);
      if (entry) view2.admittedBy.set(m.participant, entry.admitted_by);
    }
    return view2;
  }
};
function refuseOutright(content) {
  if (content.sender.senderType !== "member") return `a message from outside the group (${content.sender.senderType})`;
  if (content.contentType === "proposal") return "a proposal sent on its own (only commits are expected)";
  return null;
}
function summarize(proposal) {
  if (proposal.proposalType === "add") {
    const leaf = proposal.add.keyPackage.leafNode;
    return { type: "add", participant: parseCredential(leaf.credential)?.participant ?? null, signatureKey: leaf.signaturePublicKey };
  }
  const type = proposal.proposalType;
  if (type === "remove" || type === "update" || type === "group_context_extensions") return { type };
  return { type: "other", name: typeof type === "number" ? `custom (${type})` : type };
}
function checkedKeyPackage(add3) {
  try {
    const message = decodeMessage(add3.key_package);
    if (message.wireformat !== "mls_key_package") return null;
    const id = parseCredential(message.keyPackage.leafNode.credential);
    if (!id || id.participant !== add3.participant) {
      console.warn(`conclave: refusing to add participant ${add3.participant}: its credential says ${JSON.stringify(id)}`);
      return null;
    }
    if (message.keyPackage.cipherSuite !== MLS_CIPHER_SUITE) return null;
    return message.keyPackage;
  } catch (e) {
    console.warn(`conclave: unreadable KeyPackage for participant ${add3.participant}`, e);
    return null;
  }
}

// src/meeting/chat.ts
var ChatPanel = class {
  list = byId("chat-messages", HTMLOListElement);
  form = byId("chat-form", HTMLFormElement);
  input = byId("chat-input", HTMLTextAreaElement);
  sendButton = byId("chat-send", HTMLButtonElement);
  onSend = null;
  /** Sender labels of the messages shown, by participant, to rename them. */
  senders = /* @__PURE__ */ new Map();
  constructor() {
    this.input.maxLength = MAX_CHAT_CHARS;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
  }
  /** Enables sending (once in the group) or disables it (null). */
  setSender(onSend) {
    this.onSend = onSend;
    this.sendButton.disabled = onSend === null;
  }
  /** Shows a message; `participant` (null for an unknown member) lets `rename` update its sender later. */
  add(participant, from, text, own) {
    const li = document.createElement("li");
    if (own) li.className = "own";
    const name = document.createElement("span");
    name.className = "from";
    name.textContent = from;
    if (participant !== null) {
      const spans = this.senders.get(participant) ?? [];
      spans.push(name);
      this.senders.set(participant, spans);
    }
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    li.append(name, ": ", body);
    this.list.append(li);
    li.scrollIntoView({ block: "nearest" });
  }
  /** Puts the group's current names on the messages shown (those it names; others keep theirs). */
  rename(names) {
    for (const [participant, spans] of this.senders) {
      const name = names.get(participant);
      if (name === void 0) continue;
      for (const span of spans) span.textContent = name;
    }
  }
  clear() {
    this.senders.clear();
    this.list.replaceChildren();
    this.input.value = "";
    this.setSender(null);
  }
  async submit() {
    const text = this.input.value.trim();
    if (!text || !this.onSend) return;
    this.sendButton.disabled = true;
    try {
      await this.onSend(text);
      this.input.value = "";
    } finally {
      this.sendButton.disabled = this.onSend === null;
      this.input.focus();
    }
  }
};

// src/meeting/controls.ts
var Controls = class {
  mic = byId("toggle-mic", HTMLButtonElement);
  camera = byId("toggle-camera", HTMLButtonElement);
  screen = byId("toggle-screen", HTMLButtonElement);
  leave = byId("leave", HTMLButtonElement);
  sharingStatus = byId("sharing-status", HTMLParagraphElement);
  constructor(actions) {
    this.mic.addEventListener("click", () => actions.toggleMic());
    this.camera.addEventListener("click", () => actions.toggleCamera());
    this.screen.addEventListener("click", () => actions.toggleScreen());
    this.leave.addEventListener("click", () => actions.leave());
  }
  /** Puts keyboard focus on the first usable control, once the meeting shows. */
  focus() {
    const first = [this.mic, this.camera, this.screen, this.leave].find((b) => !b.disabled);
    first?.focus();
  }
  render(state) {
    this.mic.textContent = state.micOn ? "Mute" : "Unmute";
    this.mic.disabled = !state.hasAudio;
    this.mic.title = state.hasAudio ? "" : "No microphone";
    this.camera.textContent = state.cameraOn ? "Stop camera" : "Start camera";
    this.camera.disabled = !state.hasVideo;
    this.camera.title = state.hasVideo ? "" : "No camera";
    this.screen.textContent = state.sharing ? "Stop sharing" : "Share screen";
    this.screen.disabled = !state.canShare || state.shareBlocked !== null;
    this.screen.title = state.shareBlocked ?? "";
    this.sharingStatus.textContent = state.sharing ? "You are sharing your screen." : state.shareBlocked ?? "";
  }
};

// src/meeting/roster.ts
var BADGES = {
  you: { text: "you", label: "this is you" },
  host: { text: "host", label: "host of the meeting" },
  "co-host": { text: "co-host", label: "co-host: a host made them a host of the meeting" },
  muted: { text: "muted", label: "microphone muted" },
  "camera-off": { text: "camera off", label: "camera off" },
  screen: { text: "sharing screen", label: "sharing their screen" },
  speaking: { text: "speaking", label: "speaking" },
  joining: { text: "joining…", label: "joining: not yet in the encrypted group" },
  reconnecting: { text: "reconnecting…", label: "reconnecting: their connection dropped, still in the meeting" },
  alarm: { text: "unverified", label: "warning: this member cannot be identified" }
};
function badge(kind) {
  const span = document.createElement("span");
  span.className = `badge badge-${kind}`;
  span.dataset["badge"] = kind;
  span.setAttribute("role", "img");
  span.setAttribute("aria-label", BADGES[kind].label);
  span.textContent = BADGES[kind].text;
  return span;
}
function nameElements(label) {
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = label.text;
  if (label.tag === null) return [name];
  const tag = document.createElement("span");
  tag.className = "name-tag";
  tag.textContent = label.tag;
  tag.title = label.problem === null ? "Another participant has a name that looks the same" : "Which member this is";
  return [name, tag];
}
function spaced(parts) {
  return parts.flatMap((part, i) => i === 0 ? [part] : [" ", part]);
}
function participantTag(id) {
  return `#${id}`;
}
var Roster = class {
  constructor(list, joiningList, joiningSection, you) {
    this.list = list;
    this.joiningList = joiningList;
    this.joiningSection = joiningSection;
    this.you = you;
  }
  list;
  joiningList;
  joiningSection;
  you;
  participants = /* @__PURE__ */ new Map();
  members = [];
  admission = null;
  speaker = null;
  // Alarms announce themselves once, not at every re-render (which happens
  // at each change of speaker).
  announced = /* @__PURE__ */ new Set();
  /** Hosts only: Remove, Mute, Make co-host. */
  hostActions = null;
  /**
   * Co-hosts this client knows of first-hand (itself once promoted, and
   * those it promoted) before a commit writes them into the roster.
   */
  knownCoHosts = /* @__PURE__ */ new Set();
  /** This client is a host (from the start, or once promoted): the per-member host buttons show. */
  setHostActions(actions) {
    this.hostActions = actions;
    this.render();
  }
  addKnownCoHost(id) {
    this.knownCoHosts.add(id);
    this.render();
  }
  isMember(id) {
    return this.members.some((m) => m.participant === id);
  }
  set(info) {
    this.participants.set(info.id, info);
    this.render();
  }
  remove(id) {
    this.participants.delete(id);
    if (this.speaker === id) this.speaker = null;
    this.render();
  }
  /** The group's members as of the current epoch, and what its roster says of them. */
  setMembers(members, admission2 = null) {
    this.members = members;
    this.admission = admission2;
    this.render();
  }
  setActiveSpeaker(id) {
    this.speaker = id;
    this.render();
  }
  clear() {
    this.participants.clear();
    this.members = [];
    this.list.replaceChildren();
    this.joiningList.replaceChildren();
    this.joiningSection.hidden = true;
  }
  /** Re-draws the list (after something a button depends on changed). */
  refresh() {
    this.render();
  }
  render() {
    const rank = (id) => id === this.you ? -1 : id ?? Number.MAX_SAFE_INTEGER;
    const members = [...this.members].sort((a, b) => rank(a.participant) - rank(b.participant) || a.leaf - b.leaf);
    const joining = [...this.participants.values()].filter((p) => !this.isMember(p.id)).sort((a, b) => rank(a.id) - rank(b.id));
    const entries = [
      ...members.map((m) => ({
        key: `leaf ${m.leaf}`,
        // Null only for an unreadable credential (the alarm); an unnamed
        // member is "Participant <id>", compared like any name, so nobody
        // can call themselves that and pass for them.
        name: m.participant === null ? null : memberLabel(m),
        tag: m.participant === null ? `leaf ${m.leaf}` : participantTag(m.participant)
      })),
      ...joining.map((p) => ({ key: `joining ${p.id}`, name: unnamedLabel(p.id), tag: participantTag(p.id) }))
    ];
    const labels = labelNames(entries, UNKNOWN_MEMBER);
    const labelOf = (key) => labels.get(key) ?? { text: UNKNOWN_MEMBER, tag: null, problem: null };
    this.list.replaceChildren(...members.map((m) => this.memberItem(m, labelOf(`leaf ${m.leaf}`))));
    this.joiningList.replaceChildren(...joining.map((p) => this.joiningItem(p, labelOf(`joining ${p.id}`))));
    this.joiningSection.hidden = joining.length === 0;
  }
  memberItem(m, label) {
    const li = document.createElement("li");
    if (m.participant !== null) li.dataset["participant"] = String(m.participant);
    li.dataset["leaf"] = String(m.leaf);
    const p = m.participant === null ? void 0 : this.participants.get(m.participant);
    const badges = [];
    if (m.participant === this.you) badges.push("you");
    const host = this.admission ? m.participant !== null && this.admission.hosts.includes(m.participant) : p?.host;
    const promoted = m.participant !== null && (host && (this.admission?.admittedBy.get(m.participant) ?? null) !== null || this.knownCoHosts.has(m.participant));
    if (promoted) badges.push("co-host");
    else if (host) badges.push("host");
    if (p?.audio_muted) badges.push("muted");
    if (p?.video_muted) badges.push("camera-off");
    if (p?.screen_sharing) badges.push("screen");
    if (p?.reconnecting) badges.push("reconnecting");
    if (m.participant !== null && m.participant === this.speaker) badges.push("speaking");
    const parts = [...nameElements(label), ...badges.map(badge)];
    if (label.problem !== null) {
      li.classList.add("suspicious");
      parts.unshift(badge("alarm"));
      parts.push(this.alarm(`leaf ${m.leaf}: ${label.problem}`, label.problem));
    }
    const admittedBy = m.participant === null ? null : this.admission?.admittedBy.get(m.participant) ?? null;
    if (admittedBy !== null) {
      const by = document.createElement("span");
      by.className = "admitted-by";
      const admitter = this.members.find((x) => x.participant === admittedBy);
      by.textContent = `admitted by ${admitter ? memberLabel(admitter) : "a host who left"} ${participantTag(admittedBy)}`;
      parts.push(by);
    }
    const actions = this.hostActions;
    if (actions && m.participant !== null && m.participant !== this.you) {
      const participant = m.participant;
      const who = `${label.text}${label.tag === null ? "" : ` ${label.tag}`}`;
      if (!p?.audio_muted) parts.push(actionButton("Mute", `Mute ${who}`, () => actions.mute(participant)));
      if (!host && !promoted && actions.canPromote(participant)) {
        parts.push(actionButton("Make co-host", `Make ${who} co-host`, () => actions.promote(participant)));
      }
      parts.push(actionButton("Remove", `Remove ${who}`, () => actions.remove(participant)));
    }
    li.append(...spaced(parts));
    if (m.participant !== null && m.participant === this.speaker) {
      li.classList.add("speaking");
      li.setAttribute("aria-current", "true");
    }
    return li;
  }
  /** Whether this participant is a host, as the group's roster (or the server, without one) says. */
  isHost(id) {
    return this.admission ? this.admission.hosts.includes(id) : this.participants.get(id)?.host ?? false;
  }
  joiningItem(p, label) {
    const li = document.createElement("li");
    li.dataset["participant"] = String(p.id);
    const parts = [...nameElements(label)];
    if (label.problem !== null) parts.unshift(badge("alarm"));
    if (p.id === this.you) parts.push(badge("you"));
    parts.push(badge("joining"));
    li.append(...spaced(parts));
    return li;
  }
  alarm(key, problem) {
    const text = document.createElement("span");
    text.className = "alarm-text";
    text.textContent = `Cannot tell who this is: ${problem}.`;
    if (!this.announced.has(key)) {
      this.announced.add(key);
      text.setAttribute("role", "alert");
    }
    return text;
  }
};
function actionButton(text, label, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text;
  button.setAttribute("aria-label", label);
  button.addEventListener("click", onClick);
  return button;
}

// src/meeting/lobby.ts
var WaitingView = class {
  section = byId("lobby-wait", HTMLElement);
  status = byId("lobby-wait-status", HTMLParagraphElement);
  cancel = byId("lobby-wait-cancel", HTMLButtonElement);
  onCancel = null;
  constructor() {
    this.cancel.addEventListener("click", () => this.onCancel?.());
  }
  show(onCancel) {
    this.onCancel = onCancel;
    this.status.textContent = "Waiting for the host to let you in…";
    this.section.hidden = false;
    this.cancel.focus();
  }
  hide() {
    this.onCancel = null;
    this.status.textContent = "";
    this.section.hidden = true;
  }
};
var LobbyPanel = class {
  section = byId("lobby-panel", HTMLElement);
  list = byId("lobby-list", HTMLUListElement);
  empty = byId("lobby-empty", HTMLParagraphElement);
  announce = byId("lobby-announce", HTMLParagraphElement);
  admitAll = byId("admit-all", HTMLButtonElement);
  lock = byId("lock-meeting", HTMLButtonElement);
  screenSharing = byId("screen-sharing-policy", HTMLButtonElement);
  knocks = /* @__PURE__ */ new Map();
  locked = false;
  sharingAllowed = true;
  actions = null;
  constructor() {
    this.admitAll.addEventListener("click", () => {
      for (const knock of [...this.knocks.values()]) this.actions?.admit(knock);
    });
    this.lock.addEventListener("click", () => this.actions?.setLocked(!this.locked));
    this.screenSharing.addEventListener("click", () => this.actions?.setScreenSharing(!this.sharingAllowed));
  }
  show(actions) {
    this.actions = actions;
    this.section.hidden = false;
    this.render();
  }
  add(knock) {
    const isNew = !this.knocks.has(knock.participant);
    this.knocks.set(knock.participant, knock);
    if (isNew) this.announce.textContent = `${knock.name} is waiting to join.`;
    this.render();
  }
  remove(participant) {
    if (this.knocks.delete(participant)) this.render();
  }
  setLocked(locked) {
    this.locked = locked;
    this.lock.textContent = locked ? "Unlock meeting" : "Lock meeting";
  }
  setScreenSharing(allowed) {
    this.sharingAllowed = allowed;
    this.screenSharing.textContent = allowed ? "Stop participants sharing screens" : "Let participants share screens";
  }
  clear() {
    this.knocks.clear();
    this.actions = null;
    this.list.replaceChildren();
    this.announce.textContent = "";
    this.section.hidden = true;
    this.setLocked(false);
    this.setScreenSharing(true);
  }
  render() {
    const knocks = [...this.knocks.values()].sort((a, b) => a.participant - b.participant);
    const labels = labelNames(
      knocks.map((k) => ({ key: String(k.participant), name: k.name, tag: participantTag(k.participant) })),
      "Unknown"
    );
    this.list.replaceChildren(
      ...knocks.map((knock) => {
        const label = labels.get(String(knock.participant));
        const shown = label?.tag ? `${label.text} ${label.tag}` : label?.text ?? knock.name;
        const li = document.createElement("li");
        li.dataset["participant"] = String(knock.participant);
        const name = document.createElement("span");
        name.className = "name";
        name.textContent = shown;
        const admit = document.createElement("button");
        admit.type = "button";
        admit.className = "primary";
        admit.textContent = `Admit ${shown}`;
        admit.addEventListener("click", () => this.actions?.admit(knock));
        const deny = document.createElement("button");
        deny.type = "button";
        deny.textContent = `Deny ${shown}`;
        deny.addEventListener("click", () => this.actions?.deny(knock.participant));
        li.append(name, " ", admit, " ", deny);
        return li;
      })
    );
    this.empty.hidden = knocks.length > 0;
    this.admitAll.hidden = knocks.length < 2;
  }
};

// src/meeting/media.ts
var CAMERA = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24 }
};
async function acquireLocalMedia() {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { audio: null, video: null, problem: "This browser cannot capture a camera or microphone here." };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: CAMERA });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problem: "" };
  } catch (both) {
    const audio = await tryTrack({ audio: true });
    const video = await tryTrack({ video: CAMERA });
    const missing = [audio ? null : "microphone", video ? null : "camera"].filter((m) => m !== null);
    const reason = both instanceof Error ? both.message : String(both);
    return { audio, video, problem: `No ${missing.join(" or ")} available (${reason}). You can still join.` };
  }
}
async function tryTrack(constraints) {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return stream.getTracks()[0] ?? null;
  } catch {
    return null;
  }
}
async function captureScreen() {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error("The screen capture has no video.");
  track.contentHint = "detail";
  return track;
}
function stopMedia(media) {
  media.audio?.stop();
  media.video?.stop();
}

// src/e2ee/workerProtocol.ts
var CONTEXT_OF_SOURCE = {
  microphone: 0,
  camera: 1,
  screen: 2,
  screen_audio: 3
};
var CONTEXTS = Object.values(CONTEXT_OF_SOURCE);

// src/e2ee/mediaEncryption.ts
var WORKER_URL = "/assets/e2ee-worker.js";
var STATS_TIMEOUT_MS = 2e3;
function e2eeSupported() {
  return typeof window.RTCRtpScriptTransform === "function" && typeof Worker === "function";
}
function kindOf(source) {
  return source === "microphone" || source === "screen_audio" ? "audio" : "video";
}
var SEND_SWITCH_DELAY_MS = 1500;
var MediaEncryption = class {
  worker = new Worker(WORKER_URL, { name: "conclave-e2ee", type: "module" });
  receivers = /* @__PURE__ */ new Map();
  waiting = /* @__PURE__ */ new Map();
  nextRequest = 1;
  latest = { epoch: null, sender: { encrypted: 0, droppedNoKey: 0, errors: 0 }, receivers: [] };
  constructor() {
    this.worker.addEventListener("message", (event) => {
      const { requestId, type, ...stats } = event.data;
      if (type !== "stats") return;
      this.latest = stats;
      if (requestId !== void 0) {
        this.waiting.get(requestId)?.(stats);
        this.waiting.delete(requestId);
      }
    });
    this.worker.addEventListener("error", (e) => console.error("conclave: the encryption worker failed", e.message));
  }
  /** Encrypts everything this sender sends; call right after addTransceiver. */
  protectSender(sender, source) {
    const options = { role: "encrypt", kind: kindOf(source), context: CONTEXT_OF_SOURCE[source] };
    sender.transform = new RTCRtpScriptTransform(this.worker, options);
  }
  /**
   * Decrypts everything this receiver gets. The first call attaches the
   * transform (call it from ontrack, before media flows); later calls tell
   * the worker whose track a reused m-line now carries.
   */
  protectReceiver(receiver, mid, participant, source) {
    const known = this.receivers.get(mid);
    if (known && known.receiver === receiver) {
      if (known.participant !== participant || known.source !== source) {
        this.receivers.set(mid, { receiver, participant, source });
        this.post({ type: "receiver", id: mid, participant, source });
      }
      return;
    }
    this.receivers.set(mid, { receiver, participant, source });
    const options = { role: "decrypt", id: mid, kind: receiver.track.kind === "audio" ? "audio" : "video", participant, source };
    receiver.transform = new RTCRtpScriptTransform(this.worker, options);
  }
  /** Who was in the last epoch (participant:leaf), to tell a join from a removal. */
  members = null;
  setEpoch(info) {
    const members = info.members.flatMap((m) => m.participant === null ? [] : [[m.participant, m.leaf]]);
    const now = new Set(info.members.map((m) => `${m.participant}:${m.leaf}`));
    const nobodyLeft = this.members !== null && [...this.members].every((m) => now.has(m));
    this.members = now;
    this.post({ type: "epoch", epoch: Number(info.epoch), baseKey: info.baseKey, leaf: info.ownLeaf, members, sendAfterMs: nobodyLeft ? SEND_SWITCH_DELAY_MS : 0 });
  }
  /** Our group state is gone (rejoining): send nothing until the next epoch's key. */
  clearKeys() {
    this.members = null;
    this.post({ type: "reset" });
  }
  /** Fresh counters from the worker (the last known ones if it is slow). */
  stats() {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(this.latest);
      }, STATS_TIMEOUT_MS);
      this.waiting.set(requestId, (stats) => {
        window.clearTimeout(timer);
        resolve(stats);
      });
      this.post({ type: "stats", requestId });
    });
  }
  /** Test hook: from now on this page's worker decrypts with random keys (sending is unaffected). */
  corruptKeys() {
    this.post({ type: "corrupt" });
  }
  close() {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(this.latest);
    this.waiting.clear();
  }
  post(msg) {
    this.worker.postMessage(msg);
  }
};

// src/meeting/admission.ts
var Admission = class {
  constructor(keys, ctx) {
    this.ctx = ctx;
    this.keys = keys;
  }
  ctx;
  /** The meeting key as this client holds it: a promotion adds the secret. */
  keys;
  /** Our box keys, one per knock this stay: a host seals the seed to one of them to promote us. */
  boxKeys = [];
  /**
   * Box keys from the knocks this host opened (whoever admitted them): whom
   * it can make co-host. A knock again replaces the key.
   */
  knockBoxKeys = /* @__PURE__ */ new Map();
  promotedByUs = /* @__PURE__ */ new Set();
  /** Opening a promotion: knocks the server sends right after it wait for the key. */
  promotion = null;
  lockedNow = false;
  /** Whether this client holds the meeting secret (a host link, or promoted). */
  get holdsSecret() {
    return this.keys?.secret != null;
  }
  /** Whether the link carries the meeting key at all (so it can knock). */
  get enforcing() {
    return this.keys !== null;
  }
  get locked() {
    return this.lockedNow;
  }
  /** Seals our name and KeyPackage to the meeting key and knocks. */
  async knock(keyPackage) {
    const keys = this.keys;
    const participant = this.ctx.participantId();
    if (!keys || participant === null || this.ctx.ended()) return;
    const box = await generateBoxKey();
    this.boxKeys.push(box);
    const sealed = await sealKnock(keys.publicKey, this.ctx.meetingId, { participant, name: this.ctx.name, key_package: keyPackage, box_key: box.publicKey });
    if (this.ctx.ended()) return;
    this.ctx.send({ type: "knock", sealed });
  }
  /**
   * A host's client gets a sealed knock: it opens it and lists the knocker
   * only if the plaintext names the participant the server named, and the
   * KeyPackage's credential names the same participant (credentials carry
   * no name: the knock's is the one the roster will give them).
   */
  async knocked(participant, sealed) {
    await this.promotion;
    const secret = this.keys?.secret;
    if (!secret) {
      console.warn(`conclave: participant ${participant} knocked, but this link has no meeting key to open the knock`);
      return;
    }
    const knock = await openKnock(secret, this.ctx.meetingId, sealed);
    if (this.ctx.ended()) return;
    const problem = knock === null ? "it does not open with the meeting key" : knockProblem(participant, knock.participant, knock.name, knock.key_package);
    if (problem !== null || knock === null) {
      console.warn(`conclave: dropping the knock of participant ${participant}: ${problem}`);
      this.ctx.alert(`A knock was dropped because it was not valid (${problem}).`);
      return;
    }
    if (knock.box_key !== void 0) this.knockBoxKeys.set(participant, knock.box_key);
    else this.knockBoxKeys.delete(participant);
    this.ctx.lobby.add({ participant, name: knock.name, keyPackage: knock.key_package });
  }
  admit(knock) {
    this.ctx.mls()?.admit(knock.participant, knock.keyPackage, knock.name);
    this.ctx.send({ type: "admit", participant: knock.participant, key_package: knock.keyPackage });
    this.ctx.lobby.remove(knock.participant);
  }
  deny(participant) {
    this.ctx.send({ type: "deny", participant });
    this.ctx.lobby.remove(participant);
  }
  requestLock(locked) {
    this.ctx.send({ type: "lock", locked });
    this.setLocked(locked);
  }
  setLocked(locked) {
    this.lockedNow = locked;
    this.ctx.lobby.setLocked(locked);
    this.ctx.lockedNotice.textContent = locked ? "This meeting is locked: nobody new can knock." : "";
  }
  /** Whether this host can make them co-host: their knock carried a box key, and we did not already. */
  canPromote(participant) {
    return this.holdsSecret && this.knockBoxKeys.has(participant) && !this.promotedByUs.has(participant);
  }
  /** Make co-host (hosts): the meeting seed, sealed to the box key from their knock. */
  async promote(participant) {
    const secret = this.keys?.secret;
    const boxKey = this.knockBoxKeys.get(participant);
    if (!secret || boxKey === void 0) return;
    try {
      const sealed_key = await sealSeedToBox(secret, this.ctx.meetingId, boxKey);
      if (this.ctx.ended()) return;
      this.ctx.send({ type: "promote", participant, sealed_key });
      this.promotedByUs.add(participant);
      this.ctx.knownCoHost(participant);
    } catch (e) {
      this.ctx.alert(`Could not make them co-host: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  /** `promoted` from the server: knocks that follow wait until it is opened. */
  promoted(sealed) {
    this.promotion = this.openPromotion(sealed);
  }
  /**
   * A host made us co-host: open the seed with one of our box keys, and
   * take it only if it derives this link's meeting key. From then on we
   * are a host: knocks come to us, and our next commit writes our own
   * endorsed entry into the roster.
   */
  async openPromotion(sealed) {
    const keys = this.keys;
    if (!keys || keys.secret) return;
    let secret = null;
    for (const box of this.boxKeys) {
      secret = await openSeedFromBox(box, this.ctx.meetingId, sealed, keys.publicKey);
      if (secret) break;
    }
    if (this.ctx.ended()) return;
    if (!secret) {
      console.warn("conclave: a promotion to co-host did not open to this meeting's key; ignored");
      this.ctx.alert("A promotion to co-host could not be opened with this meeting's key, so it was ignored.");
      return;
    }
    this.keys = { publicKey: keys.publicKey, secret };
    this.ctx.mls()?.becomeHost(secret);
    const us = this.ctx.participantId();
    if (us !== null) this.ctx.knownCoHost(us);
    this.ctx.promotedToHost();
  }
};
function knockProblem(serverSays, participant, name, keyPackage) {
  if (participant !== serverSays) return `it was sealed by participant ${participant}, not ${serverSays}`;
  if (!isValidName(name)) return "its name breaks the name rules";
  if (keyPackage.length > MAX_KEY_PACKAGE_BYTES) return "its KeyPackage is too large";
  try {
    const message = decodeMessage(keyPackage);
    if (message.wireformat !== "mls_key_package") return "it carries no KeyPackage";
    const id = parseCredential(message.keyPackage.leafNode.credential);
    if (!id || id.participant !== serverSays) return "its KeyPackage is for someone else";
  } catch {
    return "its KeyPackage cannot be read";
  }
  return null;
}

// src/meeting/connectionWatch.ts
var CONNECT_GRACE_MS = 8e3;
var TICK_MS = 1e3;
var MEDIA_CAUSES = "The usual causes: a firewall blocking the meeting server's media port (UDP, and TCP too) with no relay set up, or the server announcing an address you cannot reach (its --public-ip setting).";
var ConnectionWatch = class {
  /** `show(null)` clears the message; `showTransport(null)` clears the transport line. */
  constructor(show, showTransport = () => void 0) {
    this.show = show;
    this.showTransport = showTransport;
  }
  show;
  showTransport;
  watched = /* @__PURE__ */ new Map();
  timer;
  watch(direction, pc) {
    const w = { pc, transport: null, troubleSince: null, wasConnected: false };
    this.watched.set(direction, w);
    const changed = () => {
      const state = pc.connectionState;
      if (state === "connected") {
        w.wasConnected = true;
        w.troubleSince = null;
        void selectedTransport(pc).then((t) => {
          w.transport = t;
          this.renderTransport();
        });
      } else if (state === "new" || state === "closed") {
        w.troubleSince = null;
      } else {
        w.troubleSince ??= Date.now();
      }
      this.render();
    };
    pc.addEventListener("connectionstatechange", changed);
    pc.addEventListener("iceconnectionstatechange", changed);
    this.timer ??= window.setInterval(() => this.render(), TICK_MS);
    changed();
  }
  close() {
    window.clearInterval(this.timer);
    this.timer = void 0;
    this.watched.clear();
    this.showTransport(null);
  }
  renderTransport() {
    this.showTransport(describeTransport(this.watched.get("sending")?.transport ?? null, this.watched.get("receiving")?.transport ?? null));
  }
  /** The most serious problem of either connection, or nothing. */
  render() {
    let worst = null;
    for (const [direction, w] of this.watched) {
      const m = describe(direction, w);
      if (m && (worst === null || m.severity > worst.severity)) worst = m;
    }
    this.show(worst?.text ?? null);
  }
};
var FAILED = 3;
function describe(direction, w) {
  const { pc } = w;
  const media = direction === "sending" ? "Your audio and video" : "The others' audio and video";
  if (pc.connectionState === "failed") {
    const what = pc.iceConnectionState === "failed" ? "no network path to the meeting server was found (ICE failed)" : "the encrypted media handshake with the server (DTLS) failed";
    return { severity: FAILED, text: `${media} could not connect: ${what}. ${MEDIA_CAUSES} Leave and rejoin to try again.` };
  }
  if (w.troubleSince === null) return null;
  const seconds = Math.round((Date.now() - w.troubleSince) / 1e3);
  if (w.wasConnected) {
    return { severity: 1, text: `${media}: connection to the meeting server lost, reconnecting (${seconds} s)…` };
  }
  if (Date.now() - w.troubleSince < CONNECT_GRACE_MS) return null;
  return { severity: 2, text: `${media} are not connecting yet (${seconds} s, still trying). ${MEDIA_CAUSES}` };
}
async function selectedTransport(pc) {
  let stats;
  try {
    stats = await pc.getStats();
  } catch {
    return null;
  }
  let pairId;
  stats.forEach((s) => {
    if (s.type === "transport" && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  stats.forEach((s) => {
    if (pairId === void 0 && s.type === "candidate-pair" && (s.selected === true || s.nominated === true && s.state === "succeeded")) pairId = s.id;
  });
  const pair = pairId === void 0 ? void 0 : stats.get(pairId);
  const local = pair?.localCandidateId === void 0 ? void 0 : stats.get(pair.localCandidateId);
  return local ? transportOf(local) : null;
}
function transportOf(c) {
  if (c.candidateType === "relay") {
    const to = c.relayProtocol ? c.relayProtocol.toUpperCase() : null;
    return to ? `a relay over ${to}` : "a relay";
  }
  return c.protocol ? c.protocol.toUpperCase() : null;
}
function describeTransport(sending, receiving) {
  if (sending === null && receiving === null) return null;
  if (sending === receiving || sending === null || receiving === null) return `Media over ${sending ?? receiving}`;
  return `Media: sending over ${sending}, receiving over ${receiving}`;
}

// src/meeting/iceRestart.ts
var RESTART_AFTER_MS = 2e3;
var RETRY_MS = 1e4;
var POLL_MS = 100;
function restartWhenLost(pc, restart, heardAt) {
  let timer;
  let running = false;
  let lostAt = 0;
  const connected = () => pc.iceConnectionState === "connected" || pc.iceConnectionState === "completed";
  const fire = () => {
    timer = void 0;
    if (connected() || pc.connectionState === "closed") return;
    if (heardAt() <= lostAt) {
      timer = window.setTimeout(fire, POLL_MS);
      return;
    }
    if (!running) {
      running = true;
      lostAt = Date.now();
      void Promise.resolve().then(restart).catch((e) => console.warn("conclave: ICE restart failed, will retry", e)).finally(() => {
        running = false;
      });
    }
    timer = window.setTimeout(fire, RETRY_MS);
  };
  const changed = () => {
    const state = pc.iceConnectionState;
    if (connected() || state === "closed") {
      window.clearTimeout(timer);
      timer = void 0;
    } else if ((state === "disconnected" || state === "failed") && timer === void 0) {
      lostAt = Date.now();
      timer = window.setTimeout(fire, state === "failed" ? 0 : RESTART_AFTER_MS);
    }
  };
  pc.addEventListener("iceconnectionstatechange", changed);
  return () => {
    pc.removeEventListener("iceconnectionstatechange", changed);
    window.clearTimeout(timer);
  };
}

// src/meeting/publisher.ts
var CAMERA_ENCODINGS = [
  { rid: "q", scaleResolutionDownBy: 4, maxBitrate: 15e4 },
  { rid: "h", scaleResolutionDownBy: 2, maxBitrate: 5e5 },
  { rid: "f", maxBitrate: 15e5 }
];
var ANSWER_TIMEOUT_MS = 15e3;
var Publisher = class {
  /** `iceServers`: the meeting server's TURN relays, if it offers any (no third party's, ever). */
  constructor(sendOffer, protect2, iceServers = []) {
    this.sendOffer = sendOffer;
    this.protect = protect2;
    this.pc = new RTCPeerConnection({ iceServers });
  }
  sendOffer;
  protect;
  pc;
  sources = /* @__PURE__ */ new Map();
  screen = null;
  chain = Promise.resolve();
  queued = null;
  waitingAnswer = null;
  closed = false;
  /** Adds the microphone and camera and sends the first offer. */
  start(audio, video) {
    if (audio) {
      const tx = this.pc.addTransceiver(audio, { direction: "sendonly" });
      this.protect(tx.sender, "microphone");
      this.sources.set(tx, "microphone");
    }
    if (video) {
      const tx = this.pc.addTransceiver(video, { direction: "sendonly", sendEncodings: CAMERA_ENCODINGS });
      this.protect(tx.sender, "camera");
      this.sources.set(tx, "camera");
    }
    return this.negotiate();
  }
  get sharingScreen() {
    return this.screen !== null;
  }
  /** Publishes a screen capture as one more video (one encoding, no simulcast). */
  startScreen(track) {
    if (this.screen) throw new Error("already sharing a screen");
    const tx = this.pc.addTransceiver(track, { direction: "sendonly" });
    this.protect(tx.sender, "screen");
    this.sources.set(tx, "screen");
    this.screen = tx;
    return this.negotiate();
  }
  stopScreen() {
    const tx = this.screen;
    if (!tx) return Promise.resolve();
    this.screen = null;
    this.sources.delete(tx);
    tx.sender.track?.stop();
    tx.stop();
    return this.negotiate();
  }
  /** Called with the server's `publish_answer`. */
  answer(sdp) {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    if (waiting) waiting.resolve(sdp);
    else console.warn("conclave: publish_answer without an outstanding offer");
  }
  /** A new offer with fresh ICE credentials: the path to the server was lost (iceRestart.ts). */
  restartIce() {
    this.pc.restartIce();
    return this.negotiate();
  }
  /** Called when the server refuses our offer (`error` with code negotiation). */
  refused(message) {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    waiting?.reject(new Error(message));
  }
  close() {
    this.closed = true;
    this.refused("the publishing connection was closed");
    this.pc.close();
  }
  /**
   * Asks for a new offer/answer round. Requests made while one is waiting to
   * start share it: the offer describes the transceivers as they are then.
   */
  negotiate() {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.negotiateOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => void 0);
    return run;
  }
  async negotiateOnce() {
    if (this.closed) return;
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error("no local description after setLocalDescription");
    const tracks = [];
    for (const [tx, source] of this.sources) {
      if (tx.mid !== null && tx.direction !== "stopped") tracks.push({ mid: tx.mid, source });
    }
    const answer = new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.waitingAnswer = null;
        reject(new Error("The server did not answer our media offer."));
      }, ANSWER_TIMEOUT_MS);
      this.waitingAnswer = {
        resolve: (s) => {
          window.clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          window.clearTimeout(timer);
          reject(e);
        }
      };
    });
    this.sendOffer(sdp, tracks);
    const answerSdp = await answer;
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
  }
};

// src/meeting/recording.ts
var Recording = class {
  constructor(ctx) {
    this.ctx = ctx;
    ctx.button.addEventListener("click", () => this.toggle());
    if (ctx.sealedToOrganisation) {
      ctx.indicator.textContent = "Recording: this meeting is being recorded. The recording stays end-to-end encrypted; only your organisation's recording key opens it.";
    }
  }
  ctx;
  active = false;
  /** What this client sealed for each epoch: how many members had names then. */
  sealed = /* @__PURE__ */ new Map();
  ended = false;
  /** The server says whether the meeting is being recorded (members and knockers alike). */
  setActive(active) {
    if (this.ended) return;
    this.active = active;
    if (!active) this.sealed.clear();
    this.ctx.indicator.hidden = !active && !this.inGroup();
    this.render();
    void this.seal();
  }
  /** A new epoch, or the group named someone: a host re-seals what changed; everyone shows what the group says. */
  epochChanged() {
    this.ctx.indicator.hidden = !this.active && !this.inGroup();
    void this.seal();
  }
  /** The group's own roster says the current epoch is recorded. */
  inGroup() {
    return (this.ctx.epoch()?.recording ?? null) !== null;
  }
  /** Shows the Start/Stop button to hosts (at `welcome`, or once promoted). */
  render() {
    const { button } = this.ctx;
    button.hidden = this.ended || !this.ctx.isHost();
    button.textContent = this.active ? "Stop recording" : "Start recording";
    button.disabled = this.ctx.recipient === null;
    button.title = this.ctx.recipient === null ? "This meeting has no meeting key in its link, so a recording could not be sealed to anyone." : "";
  }
  clear() {
    this.ended = true;
    this.active = false;
    this.ctx.indicator.hidden = true;
    this.ctx.button.hidden = true;
  }
  toggle() {
    if (this.ended || !this.ctx.isHost()) return;
    this.ctx.send({ type: this.active ? "stop_recording" : "start_recording" });
  }
  /**
   * Seals this epoch's keys to the key the group's own roster names, only
   * when the server records and the group says so: a recording every
   * member's client shows is the only one anyone can open.
   */
  async seal() {
    const info = this.ctx.epoch();
    const recipient = info?.recording ?? null;
    if (!this.active || this.ended || !this.ctx.isHost() || !info || !recipient) return;
    const named = info.members.filter((m) => m.name !== null).length;
    const before = this.sealed.get(info.epoch);
    if (before !== void 0 && before >= named) return;
    this.sealed.set(info.epoch, named);
    try {
      const sealed = await sealRecordingEpoch(recipient, {
        epoch: info.epoch,
        baseKey: info.baseKey,
        members: info.members.map((m) => ({ leaf: m.leaf, participant: m.participant ?? 0, name: m.name ?? "" }))
      });
      if (this.ended || !this.active) return;
      this.ctx.send({ type: "recording_key", epoch: Number(info.epoch), sealed });
    } catch (e) {
      this.sealed.delete(info.epoch);
      this.ctx.alert(`The recording's keys could not be sealed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
};

// src/meeting/signaling.ts
var PING_INTERVAL_MS = 5e3;
var SERVER_MESSAGE_TYPES2 = new Set(SERVER_MESSAGE_TYPES);
var MAX_MESSAGE_CHARS = MAX_MESSAGE_BYTES;
var ID_FIELDS = /* @__PURE__ */ new Set(["id", "you", "participant", "from", "track"]);
function isId2(v) {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_ID;
}
function idsAreSafe(value) {
  if (Array.isArray(value)) return value.every(idsAreSafe);
  if (typeof value !== "object" || value === null) return true;
  for (const [key, v] of Object.entries(value)) {
    if (ID_FIELDS.has(key) && typeof v === "number" && !isId2(v)) return false;
    if (key === "removes" && Array.isArray(v) && !v.every(isId2)) return false;
    if (!idsAreSafe(v)) return false;
  }
  return true;
}
var STALL_MS = 8e3;
var ATTEMPT_MIN_MS = 1e3;
var ATTEMPT_MAX_MS = 4e3;
var PROBE_MS = 2e3;
var ANSWER_MS = 5e3;
var ACK_EVERY = 128;
var MAX_QUEUED = 256;
var Signaling = class {
  constructor(meetingId2, handlers) {
    this.handlers = handlers;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const passcode = new URLSearchParams(location.search).get("passcode");
    const query = passcode === null ? "" : `?passcode=${encodeURIComponent(passcode)}`;
    this.url = `${scheme}//${location.host}/ws/${encodeURIComponent(meetingId2)}${query}`;
    this.socket = new WebSocket(this.url);
    this.adopt(this.socket);
  }
  handlers;
  socket;
  url;
  pingTimer;
  stallTimer;
  closedByUs = false;
  /** When the server was last heard (any message: pongs come every ping). */
  heardAt = Date.now();
  /** The highest numbered message handled, and the last one acknowledged. */
  seen = 0;
  acknowledged = 0;
  resume;
  /** Set while the link is being brought back: since when, and the attempt's socket. */
  lost;
  queued = [];
  /** When the last ping went out, and the round trip its pong measured. */
  pingSentAt = 0;
  suspectedAt;
  rttMs = 0;
  /** Resolves once the socket is open; rejects if it closes first. */
  opened() {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onOpen = () => {
        this.socket.removeEventListener("close", onClose);
        this.pingTimer = window.setInterval(() => this.ping(), PING_INTERVAL_MS);
        this.stallTimer = window.setInterval(() => this.checkStall(), 250);
        resolve();
      };
      const onClose = () => {
        this.socket.removeEventListener("open", onOpen);
        reject(new Error("Could not connect to the meeting server."));
      };
      this.socket.addEventListener("open", onOpen, { once: true });
      this.socket.addEventListener("close", onClose, { once: true });
    });
  }
  send(msg) {
    const text = JSON.stringify({ v: PROTOCOL_VERSION, ...msg }, (_key, value) => typeof value === "bigint" ? Number(value) : value);
    if (this.lost !== void 0) {
      if (this.queued.length < MAX_QUEUED) this.queued.push(text);
      return;
    }
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }
  /** Closes without reporting it through onClose: the caller already knows. */
  close() {
    this.closedByUs = true;
    this.stopTimers();
    this.abandonAttempt();
    this.lost = void 0;
    this.socket.close(1e3, "leaving");
  }
  ping() {
    if (this.lost !== void 0) return;
    this.pingSentAt = Date.now();
    if (this.resume === void 0) {
      this.send({ type: "ping" });
    } else {
      this.acknowledged = this.seen;
      this.send({ type: "ping", seen: this.seen });
    }
  }
  adopt(socket) {
    socket.addEventListener("message", (event) => {
      if (socket === this.socket) this.receive(event);
    });
    socket.addEventListener("close", (event) => {
      if (socket === this.socket) this.closed(event);
    });
  }
  /**
   * A hint that the path may be gone (a media connection lost its path, the
   * browser saw the network change): ask the server now rather than wait
   * for the next ping, so a dead socket is replaced within seconds.
   */
  suspect() {
    if (this.lost !== void 0 || this.resume === void 0 || this.suspectedAt !== void 0) return;
    this.suspectedAt = Date.now();
    this.ping();
  }
  checkStall() {
    const now = Date.now();
    if (this.suspectedAt !== void 0 && this.heardAt >= this.suspectedAt) this.suspectedAt = void 0;
    if (this.lost !== void 0 || this.resume === void 0) return;
    const probeUnanswered = this.suspectedAt !== void 0 && now - this.suspectedAt > PROBE_MS;
    if (probeUnanswered || now - this.heardAt > STALL_MS) {
      this.suspectedAt = void 0;
      this.startResuming();
    }
  }
  startResuming() {
    if (this.lost !== void 0 || this.closedByUs) return;
    this.lost = { since: Date.now(), attempt: void 0, timer: void 0 };
    this.handlers.onReconnecting?.(true);
    this.attempt();
  }
  attempt() {
    const lost = this.lost;
    const resume = this.resume;
    if (lost === void 0 || resume === void 0) return;
    if (Date.now() - lost.since > resume.graceMs) {
      this.giveUp("The connection to the meeting server was lost and did not come back in time.");
      return;
    }
    const socket = new WebSocket(this.url);
    lost.attempt = socket;
    const retry = () => {
      if (this.lost !== lost || lost.attempt !== socket) return;
      this.abandonAttempt();
      lost.timer = window.setTimeout(() => this.attempt(), 50);
    };
    lost.timer = window.setTimeout(retry, Math.min(ATTEMPT_MAX_MS, Math.max(ATTEMPT_MIN_MS, 4 * this.rttMs)));
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, type: "resume", token: resume.token, seen: this.seen }));
      window.clearTimeout(lost.timer);
      lost.timer = window.setTimeout(retry, ANSWER_MS);
    });
    socket.addEventListener("close", retry);
    socket.addEventListener("message", (event) => {
      if (this.lost !== lost || lost.attempt !== socket) return;
      const msg = parse(event.data);
      if (msg?.type === "resumed") {
        socket.removeEventListener("close", retry);
        this.resumed(socket);
      } else if (msg?.type === "error") {
        socket.removeEventListener("close", retry);
        this.giveUp(`The connection to the meeting server was lost and could not be resumed: ${msg.message}`);
      }
    });
  }
  resumed(socket) {
    const old = this.socket;
    window.clearTimeout(this.lost?.timer);
    this.lost = void 0;
    this.socket = socket;
    this.adopt(socket);
    old.close(1e3, "replaced");
    this.heardAt = Date.now();
    for (const text of this.queued.splice(0)) socket.send(text);
    this.ping();
    this.handlers.onReconnecting?.(false);
    this.handlers.onResumed?.();
  }
  abandonAttempt() {
    const lost = this.lost;
    if (lost === void 0) return;
    window.clearTimeout(lost.timer);
    const attempt = lost.attempt;
    lost.attempt = void 0;
    attempt?.close();
  }
  giveUp(reason) {
    this.abandonAttempt();
    this.lost = void 0;
    this.stopTimers();
    this.closedByUs = true;
    this.socket.close();
    this.handlers.onClose(reason);
  }
  receive(event) {
    this.heardAt = Date.now();
    if (this.lost !== void 0) {
      this.abandonAttempt();
      this.lost = void 0;
      for (const text of this.queued.splice(0)) this.socket.send(text);
      this.handlers.onReconnecting?.(false);
    }
    const parsed = parse(event.data);
    if (parsed === void 0) return;
    const seq = parsed.seq;
    if (typeof seq === "number") {
      if (seq <= this.seen) return;
      this.seen = seq;
      if (this.resume !== void 0 && seq >= this.acknowledged + ACK_EVERY) this.ping();
    }
    if (parsed.type === "pong" && this.pingSentAt > 0) {
      this.rttMs = Date.now() - this.pingSentAt;
      this.pingSentAt = 0;
    }
    if (parsed.type === "resumable") {
      this.resume = { token: parsed.token, graceMs: parsed.grace_s * 1e3 };
      return;
    }
    this.handlers.onMessage(parsed);
  }
  closed(event) {
    if (this.closedByUs) return;
    if (this.resume !== void 0) {
      this.startResuming();
      return;
    }
    this.stopTimers();
    const detail = event.reason ? `: ${event.reason}` : "";
    this.handlers.onClose(`The connection to the meeting server was closed (code ${event.code}${detail}).`);
  }
  stopTimers() {
    if (this.pingTimer !== void 0) window.clearInterval(this.pingTimer);
    if (this.stallTimer !== void 0) window.clearInterval(this.stallTimer);
    this.pingTimer = void 0;
    this.stallTimer = void 0;
  }
};
function parse(data) {
  if (typeof data !== "string") return void 0;
  if (data.length > MAX_MESSAGE_CHARS) {
    console.warn("conclave: ignoring an oversized signaling message");
    return void 0;
  }
  let parsed;
  try {
    parsed = JSON.parse(data);
  } catch {
    console.warn("conclave: ignoring a signaling message that is not JSON");
    return void 0;
  }
  if (!isServerMessage(parsed)) {
    console.warn("conclave: ignoring an unknown signaling message", parsed);
    return void 0;
  }
  if (!idsAreSafe(parsed)) {
    console.warn("conclave: ignoring a signaling message with an id above 2^53 - 1");
    return void 0;
  }
  return parsed;
}
function isServerMessage(value) {
  if (typeof value !== "object" || value === null) return false;
  const v = value;
  return v["v"] === PROTOCOL_VERSION && typeof v["type"] === "string" && SERVER_MESSAGE_TYPES2.has(v["type"]);
}

// src/meeting/silenceWatch.ts
var POLL_MS2 = 500;
var SILENT_AFTER_MS = 1500;
function watchSilence(pc, onSilent) {
  let lastBytes = -1;
  let changedAt = Date.now();
  let reported = false;
  let polling = false;
  const poll = async () => {
    if (polling || pc.connectionState === "closed") return;
    polling = true;
    try {
      const bytes = receivedBytes(await pc.getStats());
      const now = Date.now();
      if (bytes !== lastBytes) {
        if (lastBytes >= 0 || bytes > 0) changedAt = now;
        lastBytes = bytes;
        reported = false;
      } else if (bytes > 0 && !reported && now - changedAt >= SILENT_AFTER_MS) {
        reported = true;
        onSilent();
      }
    } catch {
    } finally {
      polling = false;
    }
  };
  const timer = window.setInterval(() => void poll(), POLL_MS2);
  return () => window.clearInterval(timer);
}
function receivedBytes(report) {
  let total = 0;
  report.forEach((s) => {
    if (s.type === "transport" && typeof s.bytesReceived === "number") total += s.bytesReceived;
  });
  return total;
}

// src/meeting/subscriber.ts
var Subscriber = class {
  constructor(sendAnswer, onTracks, onError, protect2) {
    this.sendAnswer = sendAnswer;
    this.onTracks = onTracks;
    this.onError = onError;
    this.protect = protect2;
    this.pc.addEventListener("track", (event) => {
      const mid = event.transceiver.mid;
      if (mid !== null) this.protect(event.receiver, mid, this.trackForMid(mid) ?? null);
      this.publish();
    });
  }
  sendAnswer;
  onTracks;
  onError;
  protect;
  pc = new RTCPeerConnection({ iceServers: [] });
  tracks = [];
  chain = Promise.resolve();
  /** Called with each `subscribe_offer`. */
  offer(sdp, tracks) {
    this.chain = this.chain.then(async () => {
      if (this.pc.signalingState === "closed") return;
      this.tracks = tracks;
      await this.pc.setRemoteDescription({ type: "offer", sdp });
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      const local = this.pc.localDescription?.sdp;
      if (!local) throw new Error("no local description after setLocalDescription");
      this.sendAnswer(local);
      for (const tx of this.pc.getTransceivers()) {
        if (tx.mid !== null) this.protect(tx.receiver, tx.mid, this.trackForMid(tx.mid) ?? null);
      }
      this.publish();
    }).catch((e) => this.onError(e instanceof Error ? e : new Error(String(e))));
  }
  /**
   * Forgets a participant's tracks at once, before the server's next offer
   * removes them, so their tiles do not linger for a round trip.
   */
  forgetParticipant(id) {
    this.tracks = this.tracks.filter((t) => t.participant !== id);
    this.publish();
  }
  /** Which subscribed track a receive m-line carries, for stats. */
  trackForMid(mid) {
    return this.tracks.find((t) => t.mid === mid);
  }
  close() {
    this.pc.close();
  }
  publish() {
    if (this.pc.signalingState === "closed") return;
    const byMid = /* @__PURE__ */ new Map();
    for (const tx of this.pc.getTransceivers()) {
      if (tx.mid !== null && tx.currentDirection !== "stopped") byMid.set(tx.mid, tx);
    }
    const live = [];
    for (const info of this.tracks) {
      const tx = byMid.get(info.mid);
      if (!tx) continue;
      const media = tx.receiver.track;
      if (media.readyState === "live" && media.kind === kindOf2(info.source)) live.push({ info, media });
    }
    this.onTracks(live);
  }
};
function kindOf2(source) {
  return source === "microphone" || source === "screen_audio" ? "audio" : "video";
}

// src/meeting/tiles.ts
var SIZE_DEBOUNCE_MS = 300;
var PAUSED_NOTE = "Video paused: not among the recent speakers";
var VideoTile = class {
  constructor(remote, sendSize, onPin) {
    this.remote = remote;
    this.sendSize = sendSize;
    const { info } = remote;
    this.figure.className = "tile";
    this.figure.dataset["participant"] = String(info.participant);
    this.figure.dataset["source"] = info.source;
    this.figure.dataset["track"] = String(info.track);
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.muted = true;
    this.placeholder.className = "placeholder";
    this.placeholder.hidden = true;
    this.placeholder.setAttribute("aria-hidden", "true");
    this.placeholder.append(this.placeholderName, this.placeholderNote);
    this.figure.append(this.video, this.placeholder, this.caption);
    if (info.source === "camera") {
      this.pin.type = "button";
      this.pin.className = "pin";
      this.pin.title = "Keep this camera in view, whoever speaks";
      this.pin.addEventListener("click", onPin);
      this.setPinned(false);
      this.figure.append(this.pin);
    }
    this.setMedia(remote.media);
  }
  remote;
  sendSize;
  figure = document.createElement("figure");
  video = document.createElement("video");
  placeholder = document.createElement("div");
  placeholderName = document.createElement("span");
  placeholderNote = document.createElement("small");
  caption = document.createElement("figcaption");
  pin = document.createElement("button");
  sizeTimer;
  lastSize = "";
  off = false;
  paused = false;
  setPinned(pinned) {
    this.pin.textContent = pinned ? "Unpin" : "Pin";
    this.pin.setAttribute("aria-pressed", String(pinned));
    this.figure.classList.toggle("pinned", pinned);
  }
  /** The SFU holds this camera back (or sends it again). */
  setPaused(paused) {
    this.paused = paused;
    this.showPlaceholder();
  }
  showPlaceholder() {
    const { paused, off } = this;
    this.figure.classList.toggle("paused", paused);
    this.figure.dataset["paused"] = String(paused);
    this.placeholderNote.textContent = paused && !off ? PAUSED_NOTE : "";
    this.placeholder.hidden = !(off || paused);
    this.video.hidden = off || paused;
    if (paused && !off) this.figure.setAttribute("aria-description", PAUSED_NOTE);
    else this.figure.removeAttribute("aria-description");
  }
  setMedia(media) {
    const current2 = this.video.srcObject instanceof MediaStream ? this.video.srcObject.getTracks()[0] : void 0;
    if (current2 === media) return;
    this.video.srcObject = new MediaStream([media]);
  }
  setParticipant(label, info) {
    const screen = this.remote.info.source === "screen";
    const tagged = label.tag === null ? label.text : `${label.text} ${label.tag}`;
    this.figure.setAttribute("aria-label", screen ? `${tagged} (screen)` : tagged);
    this.figure.classList.toggle("suspicious", label.problem !== null);
    const parts = [...nameElements(label)];
    if (label.problem !== null) parts.unshift(badge("alarm"));
    if (info?.host) parts.push(badge("host"));
    if (screen) parts.push(badge("screen"));
    else if (info?.audio_muted) parts.push(badge("muted"));
    if (info?.reconnecting) parts.push(badge("reconnecting"));
    this.figure.classList.toggle("reconnecting", info?.reconnecting ?? false);
    this.caption.replaceChildren(...spaced(parts));
    if (label.problem !== null) this.caption.title = `Cannot tell who this is: ${label.problem}`;
    else this.caption.removeAttribute("title");
    this.placeholderName.textContent = label.text;
    this.off = (info?.video_muted ?? false) && !screen;
    this.showPlaceholder();
  }
  setSpeaking(speaking) {
    this.figure.classList.toggle("speaking", speaking);
    if (speaking) this.figure.setAttribute("aria-current", "true");
    else this.figure.removeAttribute("aria-current");
  }
  resized(width, height) {
    window.clearTimeout(this.sizeTimer);
    this.sizeTimer = window.setTimeout(() => {
      const scale = window.devicePixelRatio || 1;
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      const key = `${w}x${h}`;
      if (key === this.lastSize) return;
      this.lastSize = key;
      this.sendSize(this.remote.info.track, w, h);
    }, SIZE_DEBOUNCE_MS);
  }
  dispose() {
    window.clearTimeout(this.sizeTimer);
    this.video.srcObject = null;
    this.figure.remove();
  }
};
var Tiles = class {
  constructor(grid, audioSink, sendSize, sendPinned) {
    this.grid = grid;
    this.audioSink = audioSink;
    this.sendSize = sendSize;
    this.sendPinned = sendPinned;
  }
  grid;
  audioSink;
  sendSize;
  sendPinned;
  videos = /* @__PURE__ */ new Map();
  audios = /* @__PURE__ */ new Map();
  participants = /* @__PURE__ */ new Map();
  /** The group's names of its members, by participant. */
  names = /* @__PURE__ */ new Map();
  local = null;
  speaker = null;
  /** Cameras the SFU holds back now (video_paused), known tile or not yet. */
  paused = /* @__PURE__ */ new Set();
  /** Participants whose camera stays in view whoever speaks. */
  pinned = /* @__PURE__ */ new Set();
  resizeObserver = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const tile = this.tileOfVideo(entry.target);
      tile?.resized(entry.contentRect.width, entry.contentRect.height);
    }
  });
  /** The cameras the SFU says it holds back from this page. */
  setPaused(tracks) {
    this.paused = new Set(tracks);
    for (const [id, tile] of this.videos) tile.setPaused(this.paused.has(id));
  }
  /** Pins or unpins a participant's camera; at most MAX_PINNED at once. */
  togglePin(id) {
    if (this.pinned.has(id)) this.pinned.delete(id);
    else if (this.pinned.size < MAX_PINNED) this.pinned.add(id);
    else return;
    this.showPins();
    this.sendPinned([...this.pinned]);
  }
  /** After a new join (not a resume) the server knows no pins of ours. */
  resendPins() {
    if (this.pinned.size > 0) this.sendPinned([...this.pinned]);
  }
  showPins() {
    for (const tile of this.videos.values()) tile.setPinned(this.pinned.has(tile.remote.info.participant));
  }
  /** Makes the elements match exactly the live remote tracks. */
  update(tracks) {
    const wanted = /* @__PURE__ */ new Set();
    for (const remote of tracks) {
      const { info } = remote;
      wanted.add(info.track);
      if (info.source === "microphone" || info.source === "screen_audio") this.upsertAudio(remote);
      else this.upsertVideo(remote);
    }
    for (const [id, tile] of this.videos) {
      if (!wanted.has(id)) this.removeVideo(id, tile);
    }
    for (const [id, audio] of this.audios) {
      if (!wanted.has(id)) this.removeAudio(id, audio);
    }
  }
  /** Host flag, camera state; keeps captions and placeholders current. */
  setParticipant(info) {
    this.participants.set(info.id, info);
    this.relabel();
  }
  /** The names the group gives (at every epoch and introduction). */
  setNames(names) {
    this.names = names;
    this.relabel();
  }
  /**
   * This page's own participant: it has no tile, but a remote name that
   * looks like it must be told apart all the same.
   */
  setLocal(id, name) {
    this.local = { id, name };
    this.relabel();
  }
  removeParticipant(id) {
    this.participants.delete(id);
    if (this.pinned.delete(id)) this.sendPinned([...this.pinned]);
    this.relabel();
    for (const [trackId, tile] of this.videos) {
      if (tile.remote.info.participant === id) this.removeVideo(trackId, tile);
    }
    for (const [trackId, audio] of this.audios) {
      if (audio.dataset["participant"] === String(id)) this.removeAudio(trackId, audio);
    }
  }
  setActiveSpeaker(id) {
    this.speaker = id;
    for (const tile of this.videos.values()) {
      const { participant, source } = tile.remote.info;
      tile.setSpeaking(participant === id && source === "camera");
    }
  }
  clear() {
    this.update([]);
    this.resizeObserver.disconnect();
  }
  upsertVideo(remote) {
    const existing = this.videos.get(remote.info.track);
    if (existing) {
      existing.setMedia(remote.media);
      return;
    }
    const id = remote.info.participant;
    const tile = new VideoTile(remote, this.sendSize, () => this.togglePin(id));
    tile.setPinned(this.pinned.has(id));
    tile.setPaused(this.paused.has(remote.info.track));
    tile.setParticipant(this.labels().get(id) ?? placeholderLabel(id), this.participants.get(id));
    tile.setSpeaking(remote.info.participant === this.speaker && remote.info.source === "camera");
    this.videos.set(remote.info.track, tile);
    this.grid.append(tile.figure);
    this.resizeObserver.observe(tile.video);
  }
  /** Labels every tile's participant, each compared with all the others. */
  relabel() {
    const labels = this.labels();
    for (const tile of this.videos.values()) {
      const id = tile.remote.info.participant;
      tile.setParticipant(labels.get(id) ?? placeholderLabel(id), this.participants.get(id));
    }
  }
  labels() {
    const entries = [...this.participants.values()].map((p) => ({
      key: p.id,
      name: this.names.get(p.id) ?? unnamedLabel(p.id),
      tag: participantTag(p.id)
    }));
    const local = this.local;
    if (local && !this.participants.has(local.id)) entries.push({ key: local.id, name: local.name, tag: participantTag(local.id) });
    return labelNames(entries, UNKNOWN_MEMBER);
  }
  removeVideo(id, tile) {
    this.resizeObserver.unobserve(tile.video);
    tile.dispose();
    this.videos.delete(id);
  }
  upsertAudio(remote) {
    let audio = this.audios.get(remote.info.track);
    if (!audio) {
      audio = document.createElement("audio");
      audio.autoplay = true;
      audio.dataset["participant"] = String(remote.info.participant);
      audio.dataset["track"] = String(remote.info.track);
      this.audios.set(remote.info.track, audio);
      this.audioSink.append(audio);
    }
    const current2 = audio.srcObject instanceof MediaStream ? audio.srcObject.getTracks()[0] : void 0;
    if (current2 !== remote.media) {
      audio.srcObject = new MediaStream([remote.media]);
      audio.play().catch((e) => console.warn("conclave: remote audio did not start", e));
    }
  }
  removeAudio(id, audio) {
    audio.srcObject = null;
    audio.remove();
    this.audios.delete(id);
  }
  tileOfVideo(el) {
    for (const tile of this.videos.values()) {
      if (tile.video === el) return tile;
    }
    return void 0;
  }
};
function placeholderLabel(id) {
  return { text: "Participant", tag: participantTag(id), problem: null };
}

// src/meeting/meeting.ts
var WELCOME_TIMEOUT_MS = 1e4;
var Meeting = class {
  constructor(options, view2, onEnd) {
    this.options = options;
    this.view = view2;
    this.onEnd = onEnd;
    this.isHost = options.hostSecret !== null;
    this.admission = new Admission(options.admission, {
      meetingId: options.meetingId,
      name: options.name,
      send: (msg) => this.signaling.send(msg),
      participantId: () => this.participantId,
      mls: () => this.mls,
      ended: () => this.ended,
      lobby: view2.lobby,
      lockedNotice: view2.locked,
      alert: (message) => this.view.alert(message),
      knownCoHost: (participant) => this.roster?.addKnownCoHost(participant),
      promotedToHost: () => {
        this.view.notice.textContent = "A host made you a co-host: you can now let people in, mute and remove them.";
        this.showHostControls();
      }
    });
    this.recording = new Recording({
      send: (msg) => this.signaling.send(msg),
      recipient: options.recordingKey ?? options.admission?.publicKey.knock ?? null,
      sealedToOrganisation: options.recordingKey !== null,
      isHost: () => this.isHost,
      epoch: () => this.epochInfo,
      alert: (message) => this.view.alert(message),
      indicator: view2.recordingIndicator,
      button: view2.recordingButton
    });
    this.micOn = options.micOn && options.media.audio !== null;
    this.cameraOn = options.cameraOn && options.media.video !== null;
    this.tiles = new Tiles(
      view2.grid,
      view2.audioSink,
      (track, width, height) => this.signaling.send({ type: "video_size", track, width, height }),
      (pinned) => this.signaling.send({ type: "video_selection", last_n: null, pinned })
    );
    this.subscriber = new Subscriber(
      (sdp) => this.signaling.send({ type: "subscribe_answer", sdp }),
      (tracks) => this.tiles.update(tracks),
      (e) => this.view.alert(`Could not receive the others' media: ${e.message}`),
      (receiver, mid, info) => this.e2ee.protectReceiver(receiver, mid, info?.participant ?? -1, info?.source ?? (receiver.track.kind === "audio" ? "microphone" : "camera"))
    );
    this.connections = new ConnectionWatch(
      (message) => {
        view2.mediaStatus.textContent = message ?? "";
        view2.mediaStatus.hidden = message === null;
      },
      (transport) => {
        view2.mediaTransport.textContent = transport ?? "";
      }
    );
    this.connections.watch("receiving", this.subscriber.pc);
    this.stopRestarts.push(
      restartWhenLost(
        this.subscriber.pc,
        () => this.signaling.send({ type: "restart_ice" }),
        () => this.signaling.heardAt
      )
    );
    this.stopRestarts.push(this.suspectSignalingOnLoss(this.subscriber.pc));
    this.stopRestarts.push(watchSilence(this.subscriber.pc, () => this.signaling.suspect()));
    const online = () => this.signaling.suspect();
    window.addEventListener("online", online);
    this.stopRestarts.push(() => window.removeEventListener("online", online));
    this.signaling = new Signaling(options.meetingId, {
      onMessage: (msg) => this.handle(msg),
      onClose: (reason) => this.end({ kind: "lost", message: reason }),
      onReconnecting: (reconnecting) => {
        view2.signalingStatus.hidden = !reconnecting;
      },
      // A new socket after a stall: the network probably changed under the
      // media connections too, so they restart now rather than wait until
      // the browser declares their paths lost (seconds later).
      onResumed: () => this.restartMedia()
    });
  }
  options;
  view;
  onEnd;
  participantId = null;
  publisher = null;
  subscriber;
  micOn;
  cameraOn;
  e2ee = new MediaEncryption();
  mls = null;
  epochInfo = null;
  signaling;
  roster = null;
  tiles;
  ended = false;
  welcomeTimer;
  /** Set once `welcome` let us into the meeting proper (not merely the lobby). */
  admitted = false;
  /** A host from the start (host link) or since a promotion. */
  isHost;
  /** Knocks, admissions, the lock and co-hosts, with the keys they need. */
  admission;
  /** Whether participants (not hosts) may share screens, as the server last said. */
  screenSharingAllowed = true;
  connections;
  /** Stops the ICE restart watchers (iceRestart.ts) when the meeting ends. */
  stopRestarts = [];
  /** The server's TURN relays for us (`ice_servers`), if it has any. */
  iceServers = [];
  recording;
  restartMedia() {
    this.signaling.send({ type: "restart_ice" });
    void this.publisher?.restartIce().catch((e) => console.warn("conclave: ICE restart failed", e));
  }
  /** A media connection that lost its path hints that signaling's socket may have lost it too. */
  suspectSignalingOnLoss(pc) {
    const changed = () => {
      if (pc.iceConnectionState === "disconnected" || pc.iceConnectionState === "failed") this.signaling.suspect();
    };
    pc.addEventListener("iceconnectionstatechange", changed);
    return () => pc.removeEventListener("iceconnectionstatechange", changed);
  }
  async start() {
    try {
      await this.signaling.opened();
    } catch (e) {
      this.end({ kind: "lost", message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const { hostSecret: hostSecret2, device } = this.options;
    this.signaling.send(hostSecret2 ? { type: "join", host_secret: hostSecret2, device } : { type: "join", device });
    this.welcomeTimer = window.setTimeout(
      () => this.end({ kind: "lost", message: "The meeting server did not let us in." }),
      WELCOME_TIMEOUT_MS
    );
  }
  leave() {
    this.signaling.send({ type: "leave" });
    this.end({ kind: "left" });
  }
  toggleMic() {
    this.setMic(!this.micOn);
  }
  setMic(on) {
    const track = this.options.media.audio;
    if (!track) return;
    this.micOn = on;
    track.enabled = on;
    if (on) this.view.notice.textContent = "";
    this.mediaStateChanged();
  }
  toggleCamera() {
    const track = this.options.media.video;
    if (!track) return;
    this.cameraOn = !this.cameraOn;
    track.enabled = this.cameraOn;
    this.view.selfView.srcObject = this.cameraOn ? new MediaStream([track]) : null;
    this.mediaStateChanged();
  }
  async toggleScreen() {
    const publisher = this.publisher;
    if (!publisher) return;
    try {
      if (publisher.sharingScreen) {
        const stopped = publisher.stopScreen();
        this.renderControls();
        await stopped;
        return;
      }
      if (this.screenSharingBlocked) return;
      const track = await captureScreen();
      if (this.ended) {
        track.stop();
        return;
      }
      track.addEventListener("ended", () => {
        if (this.publisher === publisher && publisher.sharingScreen) void this.toggleScreen();
      });
      const started = publisher.startScreen(track);
      this.renderControls();
      await started;
    } catch (e) {
      this.renderControls();
      if (e instanceof DOMException && e.name === "NotAllowedError") {
        this.view.alert("Screen sharing was cancelled or not allowed.");
      } else {
        this.view.alert(`Screen sharing failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  async stats() {
    const subscriber = this.subscriber;
    const midOfTrack = /* @__PURE__ */ new Map();
    for (const tx of subscriber.pc.getTransceivers()) {
      if (tx.mid !== null) midOfTrack.set(tx.receiver.track.id, tx.mid);
    }
    const out = [];
    const report = await subscriber.pc.getStats();
    report.forEach((s) => {
      if (s["type"] !== "inbound-rtp") return;
      const mid = typeof s["mid"] === "string" ? s["mid"] : midOfTrack.get(String(s["trackIdentifier"]));
      const info = mid === void 0 ? void 0 : subscriber.trackForMid(mid);
      if (!info) return;
      out.push({
        participant: info.participant,
        source: info.source,
        kind: String(s["kind"]),
        packetsReceived: num(s["packetsReceived"]),
        framesDecoded: num(s["framesDecoded"]),
        totalSamplesReceived: num(s["totalSamplesReceived"]),
        frameWidth: num(s["frameWidth"]),
        frameHeight: num(s["frameHeight"])
      });
    });
    return out;
  }
  /** The media worker's counters: frames encrypted, decrypted and dropped. */
  e2eeStats() {
    return this.e2ee.stats();
  }
  async sendChat(text) {
    const mls = this.mls;
    if (!mls) return;
    try {
      const me = await mls.sendChat(text);
      this.view.chat.add(me?.participant ?? null, me?.name ?? this.options.name, text, true);
    } catch (e) {
      this.view.alert(`Your message was not sent: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }
  handle(msg) {
    if (this.ended) return;
    if (this.waitingInLobby && LOBBY_HIDDEN.has(msg.type)) {
      console.warn(`conclave: ignoring ${msg.type} while waiting in the lobby`);
      return;
    }
    if (isMlsMessage(msg)) {
      void this.mls?.handle(msg).catch(() => void 0);
      return;
    }
    switch (msg.type) {
      case "welcome":
        this.welcomed(msg.you, msg.participants);
        break;
      case "lobby":
        this.inLobby(msg.you);
        break;
      case "knock":
        void this.admission.knocked(msg.participant, msg.sealed);
        break;
      case "knock_withdrawn":
        this.view.lobby.remove(msg.participant);
        break;
      case "denied":
        this.end({
          kind: "closed",
          heading: "The host denied your request to join",
          message: msg.blocked ? "You were denied more than once, so this browser cannot knock on this meeting again." : "You can knock again with Rejoin; a second denial blocks this browser from the meeting.",
          rejoin: !msg.blocked
        });
        break;
      case "removed":
        this.end({ kind: "closed", heading: "You were removed from the meeting", message: "A host removed you. You no longer receive anything from the meeting, and this browser cannot knock on it again.", rejoin: false });
        break;
      case "meeting_locked":
        this.admission.setLocked(msg.locked);
        break;
      case "muted_by_host":
        this.setMic(false);
        this.view.notice.textContent = "A host muted your microphone. You can unmute when you want to speak.";
        break;
      case "screen_sharing_allowed":
        this.setScreenSharingAllowed(msg.allowed);
        break;
      case "ice_servers":
        this.iceServers = msg.servers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
        this.subscriber.pc.setConfiguration({ ...this.subscriber.pc.getConfiguration(), iceServers: this.iceServers });
        break;
      case "promoted":
        this.admission.promoted(msg.sealed_key);
        break;
      case "recording":
        this.recording.setActive(msg.active);
        break;
      case "meeting_ended":
        this.end({ kind: "closed", heading: "The meeting has ended", message: "A host ended the meeting for everyone.", rejoin: false });
        break;
      case "participant_joined":
      case "participant_updated":
        this.roster?.set(msg.participant);
        this.showParticipant(msg.participant);
        break;
      case "participant_left":
        this.subscriber.forgetParticipant(msg.id);
        this.tiles.removeParticipant(msg.id);
        this.roster?.remove(msg.id);
        break;
      case "publish_answer":
        this.publisher?.answer(msg.sdp);
        break;
      case "subscribe_offer":
        this.subscriber.offer(msg.sdp, msg.tracks);
        break;
      case "video_paused":
        this.tiles.setPaused(msg.tracks);
        break;
      case "active_speaker":
        this.tiles.setActiveSpeaker(msg.participant);
        this.roster?.setActiveSpeaker(msg.participant);
        break;
      case "pong":
        break;
      case "error":
        if (msg.code === "not_recording") {
          console.warn("conclave: the server had no recording for our sealed key");
          break;
        }
        if (msg.code === "negotiation") this.publisher?.refused(msg.message);
        if (msg.code === "not_allowed") {
          this.publisher?.refused(describeError(msg.code, msg.message));
          this.setScreenSharingAllowed(false);
        }
        if (msg.fatal) this.end({ kind: "lost", message: describeError(msg.code, msg.message) });
        else this.view.alert(describeError(msg.code, msg.message));
        break;
    }
  }
  /** In the lobby: `lobby` came, `welcome` not yet. */
  get waitingInLobby() {
    return this.participantId !== null && !this.admitted;
  }
  /** `lobby`: we wait for a host. Knock with a fresh KeyPackage, show nothing else. */
  inLobby(you) {
    window.clearTimeout(this.welcomeTimer);
    if (this.participantId !== null) return;
    const admission2 = this.options.admission;
    if (!admission2) {
      this.end({
        kind: "closed",
        heading: "This link is incomplete",
        message: "This meeting has a waiting room, and your link lacks the meeting key that lets you knock. Ask the host for the full participant link (it ends in #pub=…) and open that one.",
        rejoin: false
      });
      return;
    }
    this.participantId = you;
    this.mls = this.newMember(you);
    this.view.waiting.show(() => this.leave());
    void this.mls.knockKeyPackage().then((keyPackage) => this.admission.knock(keyPackage)).catch((e) => this.end({ kind: "lost", message: `Could not knock: ${e instanceof Error ? e.message : String(e)}` }));
  }
  mute(participant) {
    this.signaling.send({ type: "mute_participant", participant });
  }
  requestScreenSharing(allowed) {
    this.signaling.send({ type: "screen_sharing", allowed });
  }
  setScreenSharingAllowed(allowed) {
    this.screenSharingAllowed = allowed;
    this.view.lobby.setScreenSharing(allowed);
    if (this.screenSharingBlocked && this.publisher?.sharingScreen) void this.toggleScreen();
    this.renderControls();
  }
  get screenSharingBlocked() {
    return !this.screenSharingAllowed && !this.isHost;
  }
  /** The host's panel, buttons and End meeting: at `welcome` for hosts, or once promoted. */
  showHostControls() {
    this.isHost = true;
    this.view.lobby.show({
      admit: (k) => this.admission.admit(k),
      deny: (p) => this.admission.deny(p),
      setLocked: (l) => this.admission.requestLock(l),
      setScreenSharing: (a) => this.requestScreenSharing(a)
    });
    this.view.lobby.setLocked(this.admission.locked);
    this.view.lobby.setScreenSharing(this.screenSharingAllowed);
    this.view.endMeeting.hidden = false;
    this.recording.render();
    this.roster?.setHostActions({
      remove: (id) => this.signaling.send({ type: "remove", participant: id }),
      mute: (id) => this.mute(id),
      canPromote: (id) => this.admission.canPromote(id),
      promote: (id) => void this.admission.promote(id)
    });
    this.renderControls();
  }
  /** End meeting (hosts). */
  endForEveryone() {
    this.signaling.send({ type: "end_meeting" });
  }
  newMember(you) {
    return new MlsClient(
      you,
      this.options.name,
      (m) => this.signaling.send(m),
      {
        epoch: (info) => this.epochChanged(info),
        chat: (from, text) => this.view.chat.add(from.participant, memberLabel(from), text, from.participant === you),
        names: (members) => this.namesChanged(members),
        removed: () => this.view.alert("You are no longer in the encrypted group: you cannot see or hear the others."),
        rejoining: () => {
          this.e2ee.clearKeys();
          this.view.security.waiting();
          this.view.alert(this.admission.enforcing && !this.admission.holdsSecret ? "Re-establishing end-to-end encryption: a host has to let you back in…" : "Re-establishing end-to-end encryption…");
        },
        problem: (message) => this.view.alert(message),
        tampered: (reason) => this.tampered(reason),
        reknock: (keyPackage) => void this.admission.knock(keyPackage).catch((e) => this.view.alert(`Could not knock again: ${e instanceof Error ? e.message : String(e)}`))
      },
      this.options.admission
    );
  }
  welcomed(you, participants) {
    window.clearTimeout(this.welcomeTimer);
    if (this.admitted) return;
    if (this.participantId !== null && this.participantId !== you) return;
    this.admitted = true;
    this.participantId = you;
    this.tiles.resendPins();
    this.view.waiting.hide();
    this.roster = new Roster(this.view.roster, this.view.joining, this.view.joiningSection, you);
    this.tiles.setLocal(you, this.options.name);
    for (const p of participants) {
      this.roster.set(p);
      if (p.id !== you) this.showParticipant(p);
    }
    this.view.security.waiting();
    if (this.isHost) this.showHostControls();
    if (!this.mls) {
      this.mls = this.newMember(you);
      void this.mls.start().catch(() => void 0);
    }
    this.view.section.hidden = false;
    const { audio, video } = this.options.media;
    if (video) {
      video.enabled = this.cameraOn;
      this.view.selfView.srcObject = this.cameraOn ? new MediaStream([video]) : null;
    }
    if (audio) audio.enabled = this.micOn;
    this.publisher = new Publisher(
      (sdp, tracks) => this.signaling.send({ type: "publish_offer", sdp, tracks }),
      (sender, source) => this.e2ee.protectSender(sender, source),
      this.iceServers
    );
    this.connections.watch("sending", this.publisher.pc);
    const publisher = this.publisher;
    this.stopRestarts.push(restartWhenLost(publisher.pc, () => publisher.restartIce(), () => this.signaling.heardAt));
    this.stopRestarts.push(this.suspectSignalingOnLoss(publisher.pc));
    this.publisher.start(audio, video).catch((e) => this.view.alert(`Could not send your media: ${e instanceof Error ? e.message : String(e)}`));
    if (!this.micOn || !this.cameraOn) this.mediaStateChanged();
    else this.renderControls();
    this.view.controls.focus();
  }
  /** The group's membership broke the admission rules: no keys, no media, an alarm, no rejoin. */
  tampered(reason) {
    this.end({
      kind: "closed",
      heading: "Encryption stopped",
      message: `The meeting's membership was tampered with: ${reason}. You left the encrypted group, so you no longer see or hear anyone and nobody receives your media. Tell the host; rejoin only once you trust the meeting again.`,
      rejoin: true,
      alarm: true
    });
  }
  epochChanged(info) {
    if (this.ended) return;
    this.epochInfo = info;
    this.e2ee.setEpoch(info);
    this.view.security.show(info);
    this.roster?.setMembers(info.members, info.admission);
    this.showNames(info.members);
    this.view.chat.setSender((text) => this.sendChat(text));
    this.recording.epochChanged();
  }
  /** An introduction named someone between epochs: the list, tiles and chat follow. */
  namesChanged(members) {
    if (this.ended || !this.epochInfo) return;
    this.epochInfo = { ...this.epochInfo, members };
    this.roster?.setMembers(members, this.epochInfo.admission);
    this.showNames(members);
    this.recording.epochChanged();
  }
  /** Tile captions and chat senders take the group's names, as the list does. */
  showNames(members) {
    const names = /* @__PURE__ */ new Map();
    for (const m of members) if (m.participant !== null && m.name !== null) names.set(m.participant, m.name);
    this.tiles.setNames(names);
    this.view.chat.rename(names);
  }
  /** Hands a participant's flags (host, muted, …) to the tiles; the name comes from the group. */
  showParticipant(p) {
    if (p.id === this.participantId) return;
    this.tiles.setParticipant(p);
  }
  mediaStateChanged() {
    this.signaling.send({ type: "media_state", audio_muted: !this.micOn, video_muted: !this.cameraOn });
    this.renderControls();
  }
  renderControls() {
    this.view.controls.render({
      hasAudio: this.options.media.audio !== null,
      hasVideo: this.options.media.video !== null,
      micOn: this.micOn,
      cameraOn: this.cameraOn,
      sharing: this.publisher?.sharingScreen ?? false,
      canShare: this.publisher !== null && typeof navigator.mediaDevices?.getDisplayMedia === "function",
      shareBlocked: this.screenSharingBlocked && !this.publisher?.sharingScreen ? "A host has turned off screen sharing for participants." : null
    });
  }
  end(end) {
    if (this.ended) return;
    this.ended = true;
    window.clearTimeout(this.welcomeTimer);
    this.connections.close();
    for (const stop of this.stopRestarts.splice(0)) stop();
    this.view.mediaStatus.hidden = true;
    this.view.signalingStatus.hidden = true;
    this.signaling.close();
    this.mls?.close();
    this.publisher?.close();
    this.subscriber.close();
    this.e2ee.close();
    this.view.security.clear();
    this.view.chat.clear();
    this.tiles.clear();
    this.roster?.clear();
    this.view.waiting.hide();
    this.view.lobby.clear();
    this.view.locked.textContent = "";
    this.view.notice.textContent = "";
    this.view.endMeeting.hidden = true;
    this.recording.clear();
    stopMedia(this.options.media);
    this.view.selfView.srcObject = null;
    this.view.section.hidden = true;
    this.onEnd(end);
  }
};
var LOBBY_HIDDEN = /* @__PURE__ */ new Set(["participant_joined", "participant_updated", "participant_left", "active_speaker", "mls_application"]);
function num(value) {
  return typeof value === "number" ? value : 0;
}
function describeError(code, message) {
  switch (code) {
    case "meeting_locked":
      return "This meeting is locked: the hosts are not letting anyone in right now.";
    case "lobby_full":
      return "Too many people are waiting to join this meeting. Try again in a minute.";
    case "not_host":
      return "Only a host can do that.";
    case "not_allowed":
      return "A host has turned off screen sharing for participants.";
    case "blocked":
      return "This browser cannot join this meeting: a host turned it away.";
    case "no_such_meeting":
      return "This meeting does not exist (any more).";
    case "meeting_full":
      return "This meeting is full.";
    case "invalid_name":
      return `That name cannot be used: ${message}`;
    case "rate_limited":
      return "Too many attempts; wait a minute and try again.";
    case "server_busy":
      return "The server is too busy right now; try again shortly.";
    default:
      return `The server refused a request (${code}): ${message}`;
  }
}

// src/meeting/prejoin.ts
var NAME_KEY = "conclave.name";
var PreJoin = class {
  constructor(onJoin) {
    this.onJoin = onJoin;
    this.nameInput.value = loadName();
    this.nameInput.addEventListener("input", () => this.showNameError(null));
    this.micButton.addEventListener("click", () => this.toggle(this.micButton));
    this.cameraButton.addEventListener("click", () => this.toggle(this.cameraButton));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
  }
  onJoin;
  section = byId("prejoin", HTMLElement);
  preview = byId("preview", HTMLVideoElement);
  status = byId("preview-status", HTMLParagraphElement);
  form = byId("join-form", HTMLFormElement);
  nameInput = byId("name", HTMLInputElement);
  nameError = byId("name-error", HTMLParagraphElement);
  micButton = byId("prejoin-mic", HTMLButtonElement);
  cameraButton = byId("prejoin-camera", HTMLButtonElement);
  joinButton = byId("join", HTMLButtonElement);
  unsupported = byId("e2ee-unsupported", HTMLParagraphElement);
  supported = e2eeSupported();
  media = null;
  show() {
    this.section.hidden = false;
    this.unsupported.hidden = this.supported;
    this.joinButton.disabled = !this.supported;
    this.status.textContent = "Starting your camera and microphone…";
    const media = acquireLocalMedia();
    this.media = media;
    void media.then((m) => {
      if (this.media !== media) return;
      this.status.textContent = m.problem;
      this.apply(m);
    });
    this.nameInput.focus();
  }
  async submit() {
    const checked = checkName(this.nameInput.value);
    if (!checked.ok) {
      this.showNameError(checked.rule === "empty" ? "Please enter your name." : `That name cannot be used: ${checked.reason}.`);
      this.nameInput.focus();
      return;
    }
    const { name } = checked;
    this.showNameError(null);
    if (!this.media || !this.supported) return;
    this.joinButton.disabled = true;
    const media = await this.media;
    this.media = null;
    this.preview.srcObject = null;
    saveName(name);
    this.section.hidden = true;
    this.onJoin({ name, micOn: pressed(this.micButton), cameraOn: pressed(this.cameraButton), media });
  }
  showNameError(message) {
    this.nameError.textContent = message ?? "";
    this.nameError.hidden = message === null;
    if (message === null) this.nameInput.removeAttribute("aria-invalid");
    else this.nameInput.setAttribute("aria-invalid", "true");
  }
  toggle(button) {
    button.setAttribute("aria-pressed", String(!pressed(button)));
    void this.media?.then((m) => this.apply(m));
  }
  apply(m) {
    if (m.audio) m.audio.enabled = pressed(this.micButton);
    if (m.video) m.video.enabled = pressed(this.cameraButton);
    this.preview.srcObject = m.video && m.video.enabled ? new MediaStream([m.video]) : null;
  }
  /** Releases the devices if the page is left from the pre-join screen. */
  dispose() {
    void this.media?.then(stopMedia);
    this.media = null;
  }
};
function pressed(button) {
  return button.getAttribute("aria-pressed") === "true";
}
function loadName() {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}
function saveName(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
  }
}

// src/meeting/securityPanel.ts
var SecurityPanel = class {
  code = byId("security-code", HTMLOutputElement);
  detail = byId("security-detail", HTMLParagraphElement);
  waiting() {
    this.code.textContent = "…";
    this.detail.textContent = "Setting up end-to-end encryption…";
  }
  show(info) {
    this.code.textContent = info.securityCode;
    const n = info.members.length;
    const unknown = info.members.filter((m) => m.participant === null).length;
    this.detail.textContent = `Epoch ${info.epoch} · Encrypted for ${n} participant${n === 1 ? "" : "s"}`;
    if (unknown > 0) {
      this.detail.textContent += ` · Warning: ${unknown} of them cannot be identified`;
      this.detail.setAttribute("role", "alert");
      this.detail.classList.add("security-alarm");
    } else {
      this.detail.removeAttribute("role");
      this.detail.classList.remove("security-alarm");
    }
  }
  clear() {
    this.code.textContent = "";
    this.detail.textContent = "";
  }
};

// src/meeting/main.ts
var meetingId = decodeURIComponent(location.pathname.replace(/^\/m\//, "").replace(/\/$/, ""));
var fragment = parseFragment(location.hash);
var hostSecret = fragment.ok ? fragment.hostSecret : null;
var admission = (async () => {
  if (!fragment.ok) return null;
  if (fragment.seed) {
    const secret = await deriveMeetingSecret(fragment.seed);
    return { publicKey: secret.public, secret, recordingKey: fragment.recordingKey };
  }
  return fragment.publicKey ? { publicKey: fragment.publicKey, secret: null, recordingKey: fragment.recordingKey } : null;
})();
var DEVICE_TOKEN_BYTES = 16;
function deviceToken() {
  const key = `conclave.device.${meetingId}`;
  try {
    const stored = localStorage.getItem(key);
    if (stored && /^[A-Za-z0-9_-]{22}$/.test(stored)) return stored;
    const fresh = toBase64Url(crypto.getRandomValues(new Uint8Array(DEVICE_TOKEN_BYTES)));
    localStorage.setItem(key, fresh);
    return fresh;
  } catch {
    return toBase64Url(crypto.getRandomValues(new Uint8Array(DEVICE_TOKEN_BYTES)));
  }
}
var alertBox = byId("alert", HTMLParagraphElement);
var ended = byId("ended", HTMLElement);
var endedMessage = byId("ended-message", HTMLHeadingElement);
var endedDetail = byId("ended-detail", HTMLParagraphElement);
var endedAlarm = byId("ended-alarm", HTMLParagraphElement);
var rejoinButton = byId("rejoin", HTMLButtonElement);
var current = null;
var corruptNextMeeting = false;
var last = null;
function showAlert(message) {
  alertBox.textContent = message;
  alertBox.hidden = false;
}
function clearAlert() {
  alertBox.textContent = "";
  alertBox.hidden = true;
}
var view = {
  section: byId("meeting", HTMLElement),
  grid: byId("grid", HTMLDivElement),
  audioSink: byId("audio-sink", HTMLDivElement),
  roster: byId("roster", HTMLUListElement),
  joining: byId("joining", HTMLUListElement),
  joiningSection: byId("joining-section", HTMLElement),
  security: new SecurityPanel(),
  chat: new ChatPanel(),
  selfView: byId("self-view", HTMLVideoElement),
  controls: new Controls({
    toggleMic: () => current?.toggleMic(),
    toggleCamera: () => current?.toggleCamera(),
    toggleScreen: () => void current?.toggleScreen(),
    leave: () => current?.leave()
  }),
  waiting: new WaitingView(),
  lobby: new LobbyPanel(),
  locked: byId("locked-status", HTMLParagraphElement),
  notice: byId("notice", HTMLParagraphElement),
  signalingStatus: byId("signaling-status", HTMLParagraphElement),
  mediaStatus: byId("media-status", HTMLParagraphElement),
  mediaTransport: byId("media-transport", HTMLParagraphElement),
  endMeeting: byId("end-meeting", HTMLButtonElement),
  recordingIndicator: byId("recording-indicator", HTMLParagraphElement),
  recordingButton: byId("toggle-recording", HTMLButtonElement),
  alert: showAlert
};
view.endMeeting.addEventListener("click", () => {
  if (window.confirm("End the meeting for everyone?")) current?.endForEveryone();
});
async function join(request) {
  clearAlert();
  ended.hidden = true;
  last = { name: request.name, micOn: request.micOn, cameraOn: request.cameraOn };
  const keys = await admission;
  const meeting = new Meeting(
    {
      meetingId,
      name: request.name,
      hostSecret,
      admission: keys,
      device: deviceToken(),
      recordingKey: fragment.ok ? fragment.recordingKey : null,
      media: request.media,
      micOn: request.micOn,
      cameraOn: request.cameraOn
    },
    view,
    (end) => {
      last = {
        name: request.name,
        micOn: request.media.audio ? meeting.micOn : request.micOn,
        cameraOn: request.media.video ? meeting.cameraOn : request.cameraOn
      };
      finished(meeting, end);
    }
  );
  current = meeting;
  if (corruptNextMeeting) meeting.e2ee.corruptKeys();
  void meeting.start();
}
function finished(meeting, end) {
  if (current !== meeting) return;
  current = null;
  endedAlarm.hidden = true;
  endedAlarm.textContent = "";
  rejoinButton.hidden = false;
  if (end.kind === "left") {
    endedMessage.textContent = "You left the meeting";
    endedDetail.textContent = "";
  } else if (end.kind === "lost") {
    endedMessage.textContent = "Disconnected from the meeting";
    endedDetail.textContent = end.message;
    showAlert(end.message);
  } else {
    endedMessage.textContent = end.heading;
    if (end.alarm) {
      endedDetail.textContent = "";
      endedAlarm.textContent = end.message;
      endedAlarm.hidden = false;
    } else {
      endedDetail.textContent = end.message;
    }
    rejoinButton.hidden = !end.rejoin;
  }
  ended.hidden = false;
  if (!rejoinButton.hidden) rejoinButton.focus();
}
rejoinButton.addEventListener("click", () => {
  const previous = last;
  if (!previous) return;
  rejoinButton.disabled = true;
  void acquireLocalMedia().then((media) => {
    rejoinButton.disabled = false;
    if (media.problem) showAlert(media.problem);
    void join({ ...previous, media });
  });
});
window.conclave = {
  get participantId() {
    return current?.participantId ?? null;
  },
  get publisher() {
    return current?.publisher?.pc ?? null;
  },
  get subscriber() {
    return current?.subscriber.pc ?? null;
  },
  stats: () => current?.stats() ?? Promise.resolve([]),
  e2ee: {
    get epoch() {
      const epoch = current?.epochInfo?.epoch;
      return epoch === void 0 ? null : Number(epoch);
    },
    get securityCode() {
      return current?.epochInfo?.securityCode ?? null;
    },
    get members() {
      return current?.epochInfo?.members.map(memberLabel) ?? [];
    },
    stats: () => current?.e2eeStats() ?? Promise.resolve(null),
    corruptKeys: () => {
      corruptNextMeeting = true;
      current?.e2ee.corruptKeys();
    }
  }
};
if (fragment.ok && fragment.hostSecret !== null && fragment.seed !== null) {
  for (const id of ["recordings-link", "recordings-link-ended"]) {
    const link = byId(id, HTMLAnchorElement);
    link.href = `/m/${encodeURIComponent(meetingId)}/recordings${location.hash}`;
    link.hidden = false;
  }
}
var prejoin = new PreJoin((request) => void join(request));
if (!fragment.ok) showAlert(fragment.problem);
window.addEventListener("pagehide", () => prejoin.dispose());
prejoin.show();
