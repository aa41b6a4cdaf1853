/**
 * Postcode sectors (docs/domain.md#areas): a UK postcode's outward code and the first digit of
 * its inward code, "TW3 1" of "TW3 1AB". A children's centre's reach area is a list of them.
 */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])[A-Z]{2}$/;
const SECTOR = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])$/;

/** The sector of a full postcode ("tw3 1ab" → "TW3 1"); null when it is not one. */
export function sectorOfPostcode(postcode: string): string | null {
  const match = POSTCODE.exec(postcode.trim().toUpperCase());
  return match ? `${match[1]} ${match[2]}` : null;
}

/** A sector as typed ("tw31", "TW3  1") in its one written form ("TW3 1"); null when not one. */
export function normaliseSector(sector: string): string | null {
  const match = SECTOR.exec(sector.trim().toUpperCase());
  return match ? `${match[1]} ${match[2]}` : null;
}
