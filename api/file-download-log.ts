import type { Principal } from './context.js';

/**
 * What the log keeps of a download: which case and file, its hash, and who (user or institution id,
 * role). Never the file's name, which often names a party (张三身份证.jpg).
 */
export function downloadLogFields(
  principal: Principal,
  file: { caseNumber: string; id: string; sha256?: string },
) {
  return {
    caseNumber: file.caseNumber,
    fileId: file.id,
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    by:
      principal.kind === 'staff'
        ? { kind: 'staff', id: principal.userId, role: principal.role }
        : { kind: 'institution', id: principal.institutionId, institutionKind: principal.institutionKind },
  };
}
