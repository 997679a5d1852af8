/**
 * Ties a zod schema to the use case's own type: `sameShape<z.infer<typeof Body>, UseCaseInput>()`
 * typechecks only when the two are the same type, so a field added to one and not the other fails
 * `npm run typecheck` instead of being dropped or cast away at run time.
 */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function sameShape<A, B>(..._proof: Same<A, B> extends true ? [] : [mismatch: never]): void {}
