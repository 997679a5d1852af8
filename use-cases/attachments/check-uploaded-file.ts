import { createHash } from 'node:crypto';
import {
  type AttachmentType,
  allowedAttachmentTypes,
  allowedAttachmentTypesZh,
  isAllowedAttachmentType,
  isNoClaim,
  normaliseMediaType,
  typeClaimedByName,
} from '../../domain/attachment-types.js';
import { sanitiseFileName } from '../../domain/file-names.js';
import { refuseField } from '../../domain/refusals.js';
import { detectFileType } from '../../lib/detect-file-type.js';

/** A file as the request carried it: its bytes, the name and the type the sender gave. */
export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
  claimedType: string | undefined;
}

export interface CheckedFile {
  bytes: Uint8Array;
  fileName: string;
  contentType: AttachmentType;
  sha256: string;
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * A file is kept only if it is no larger than the cap (413), its content is of an allowed kind
 * (PDF, PNG, JPEG, Word; 415), and neither the type it was sent as nor its name's extension says
 * otherwise (422: a PNG named 协议.pdf). Each refusal names the field; nothing has been stored.
 */
export async function checkUploadedFile(
  file: UploadedFile,
  field: string,
  maxBytes: number,
): Promise<CheckedFile> {
  if (file.bytes.byteLength > maxBytes) {
    refuseField('file_too_large', field, `must not be larger than ${mib(maxBytes)}`, {
      reasonZh: `文件不能超过 ${mib(maxBytes)}`,
      maxBytes,
    });
  }
  if (file.bytes.byteLength === 0) {
    refuseField('file_missing', field, 'is empty', { reasonZh: '文件是空的' });
  }
  const detected = await detectFileType(file.bytes);
  if (!isAllowedAttachmentType(detected)) {
    refuseField('file_type_forbidden', field, 'must be a PDF, PNG, JPEG or Word (.docx, .doc) file', {
      reasonZh: `只接受${allowedAttachmentTypesZh}`,
      allowed: Object.keys(allowedAttachmentTypes),
    });
  }
  const claimed = normaliseMediaType(file.claimedType);
  const fileName = sanitiseFileName(file.name);
  const byName = typeClaimedByName(fileName);
  const sameKind = (type: string) => type === detected || (type === 'image/jpg' && detected === 'image/jpeg');
  if (!isNoClaim(claimed) && !sameKind(claimed)) {
    refuseField('file_type_mismatch', field, `was sent as ${claimed} but its content is ${detected}`, {
      reasonZh: `文件声明为 ${claimed}，内容却是${allowedAttachmentTypes[detected].labelZh}`,
      detectedType: detected,
    });
  }
  if (byName && byName !== detected) {
    refuseField('file_type_mismatch', field, `is named ${fileName} but its content is ${detected}`, {
      reasonZh: `文件扩展名与内容不符：内容是${allowedAttachmentTypes[detected].labelZh}`,
      detectedType: detected,
    });
  }
  return {
    bytes: file.bytes,
    fileName,
    contentType: detected,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}
