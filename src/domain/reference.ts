/** A case reference such as KOL-2026-000123 (the sequence grows past six digits if it must). */
export const caseReferencePattern = /^[A-Z]{2,8}-\d{4}-\d{6,}$/;
