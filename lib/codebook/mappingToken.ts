/**
 * The token a mapping row's form carries of the values it was loaded with (`行政|事业`, empty for none): a save
 * compares it with the stored row. Plain code, shared by the grid in the browser and lib/codebook/mapping.ts.
 */
export const mappingToken = (m: { admin: string | null; institution: string | null } | undefined) => `${m?.admin ?? ''}|${m?.institution ?? ''}`;
