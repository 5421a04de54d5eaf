import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import { randomBytesPooled } from './ids';

/**
 * Field-level protection for personal data (PIPL: encrypt, de-identify). Values are sealed with
 * AES-256-GCM under a key derived from SECRET_KEY; each sealed value names its key, so after a
 * rotation (new SECRET_KEY, old one kept in SECRET_KEYS_RETIRED) old rows still open and the
 * `rekey` work re-seals them. Lookups and de-duplication use a keyed hash (HMAC-SHA256), never
 * the plain value.
 */
export interface FieldCrypto {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Keyed hash of a normalized value, for equality lookups (hex). */
  lookupHash(normalized: string): string;
  /** The id of the key new values are sealed with. */
  currentKeyId: string;
}

const VERSION = 'v1';

function derive(secret: string, label: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from(label), 32),
  );
}
const keyId = (secret: string) =>
  createHash('sha256').update(`gongzhi-key-id:${secret}`).digest('hex').slice(0, 8);

export function createFieldCrypto(current: string, retired: string[] = []): FieldCrypto {
  const keys = new Map<string, Buffer>();
  for (const s of [current, ...retired]) keys.set(keyId(s), derive(s, 'gongzhi/field-encryption/v1'));
  const currentKeyId = keyId(current);
  const encKey = keys.get(currentKeyId)!;
  const hashKey = derive(current, 'gongzhi/lookup-hash/v1');
  return {
    currentKeyId,
    seal(plain) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${currentKeyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      const [v, kid, ivText, bodyText] = sealed.split('.');
      const key = kid ? keys.get(kid) : undefined;
      if (v !== VERSION || !key || !ivText || !bodyText)
        throw new Error('sealed value with an unknown format or key');
      const body = Buffer.from(bodyText, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    },
    lookupHash: (normalized) => createHmac('sha256', hashKey).update(normalized).digest('hex'),
  };
}
