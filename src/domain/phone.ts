/**
 * Normalises a phone number to E.164. Danish numbers may be given without +45 (eight
 * digits); 00 is accepted for +. Returns null when the result is not a plausible number.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s\-().]/g, '');
  let e164: string;
  if (/^\d{8}$/.test(compact)) e164 = `+45${compact}`;
  else if (/^00\d+$/.test(compact)) e164 = `+${compact.slice(2)}`;
  else if (/^\+\d+$/.test(compact)) e164 = compact;
  else return null;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return null;
  if (e164.startsWith('+45') && e164.length !== 11) return null;
  return e164;
}
