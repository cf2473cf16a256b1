export interface SealedBatch {
  idHash: (string | null)[];
  idSealed: (string | null)[];
  phHash: (string | null)[];
  phSealed: (string | null)[];
}
export function sealWith(keyId: string, key: Buffer, plain: string): string;
export function keyedHash(hmacKey: Buffer, value: string): string;
export function phoneHashInput(phone: string): string;
export function sealBatch(keyId: string, key: Buffer, hmacKey: Buffer, ids: (string | null | undefined)[], phones: (string | null | undefined)[]): SealedBatch;
export function sealBlockCtr(keyId: string, key: Buffer, values: string[]): string[];
