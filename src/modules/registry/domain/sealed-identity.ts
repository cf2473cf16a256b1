/**
 * How a person's identifiers are stored: the ID number as keyed hash + sealed value + mask,
 * the phone likewise. Every write path (API, import, demo) goes through `sealIdentity`.
 */
import type { PiiVault } from '../../../platform/crypto/pii-vault.js';
import { maskIdNumber } from './id-number.js';
import { maskPhone } from './person-facts.js';

export interface SealedIdentity {
  id_number_hash: string;
  id_number_sealed: string;
  id_number_masked: string;
  phone_hash: string | null;
  phone_sealed: string | null;
  phone_masked: string | null;
}

export function sealIdNumber(vault: PiiVault, idNumber: string) {
  return { id_number_hash: vault.hash(idNumber), id_number_sealed: vault.seal(idNumber), id_number_masked: maskIdNumber(idNumber) };
}

export function sealPhone(vault: PiiVault, phone: string | null) {
  if (!phone) return { phone_hash: null, phone_sealed: null, phone_masked: null };
  return { phone_hash: vault.hashPhone(phone), phone_sealed: vault.seal(phone), phone_masked: maskPhone(phone) };
}

export function sealIdentity(vault: PiiVault, idNumber: string, phone: string | null): SealedIdentity {
  return { ...sealIdNumber(vault, idNumber), ...sealPhone(vault, phone) };
}
