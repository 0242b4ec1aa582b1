import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, hotp, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri, totp } from './totp.js';

// RFC 6238 Appendix B: the test seeds are the ASCII strings below, 8-digit codes.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

test('TOTP matches the RFC 6238 test vectors (SHA-1, SHA-256, SHA-512)', () => {
  for (const [t, s1, s256, s512] of VECTORS) {
    assert.equal(totp(SEEDS.sha1, t, 8, 'sha1'), s1, `sha1 @${t}`);
    assert.equal(totp(SEEDS.sha256, t, 8, 'sha256'), s256, `sha256 @${t}`);
    assert.equal(totp(SEEDS.sha512, t, 8, 'sha512'), s512, `sha512 @${t}`);
  }
});

test('HOTP matches the RFC 4226 Appendix D values', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(SEEDS.sha1, counter), code));
});

test('base32 round trip (RFC 4648 vectors) and code matching with one step of drift', () => {
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6YTBOI======').toString(), 'foobar');
  const secret = newTotpSecret();
  assert.equal(base32Decode(secret).length, 20);
  const now = 1_800_000_000;
  const code = totp(base32Decode(secret), now);
  assert.equal(matchTotp(secret, code, now), Math.floor(now / 30));
  assert.equal(matchTotp(secret, code, now + 30), Math.floor(now / 30));
  assert.equal(matchTotp(secret, code, now + 90), null);
  assert.equal(matchTotp(secret, '12345', now), null);
  assert.match(otpauthUri('临淄区政务公开', 'admin', secret), /^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=/);
  const codes = newRecoveryCodes();
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
});
