/**
 * A deadline policy's source as people read it. Policies mark the centre's and the locality's own rules
 * in English ('centre policy (not law)', 'local policy (not law)') because the API's `source` field is
 * a contract and carries them as written; pages show the Chinese (中心规定（非法律规定）), with the
 * citations that follow kept as they are.
 */
export function policySourceZh(source: string): string {
  return source
    .replaceAll('centre policy (not law)', '中心规定（非法律规定）')
    .replaceAll('local policy (not law)', '地方规定（非法律规定）')
    .replaceAll('; cf. ', '；参见')
    .replaceAll('; ', '；');
}
