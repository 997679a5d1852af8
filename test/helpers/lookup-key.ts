/** The key of the parties' look-up index in tests (LOOKUP_HASH_KEY): every test API, worker and process. */
export const testLookupHashKey = 'test-lookup-hash-key-0123456789abcdefghij';
