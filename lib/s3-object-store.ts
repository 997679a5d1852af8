import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertObjectKey, type ObjectStore } from './object-store.js';

export interface S3ObjectStoreSettings {
  /** e.g. https://oss-cn-beijing.aliyuncs.com or http://127.0.0.1:7070; unset: AWS itself. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name: most self-hosted servers. */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/**
 * Objects in S3-compatible storage. Every object is written private (ACL unset, so the bucket's
 * default, which must be private; no presigned URL is handed out by this module); reads go through the
 * application's authorised routes. The bucket is not created here: operations create it with its
 * policy, and `checkBucket` at start tells them when it is missing.
 */
export function s3ObjectStore(settings: S3ObjectStoreSettings): ObjectStore & {
  checkBucket(): Promise<void>;
  close(): void;
} {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Only send checksums the server asks for: several S3-compatible servers refuse the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const missing = (error: unknown) =>
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      assertObjectKey(key);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async get(key) {
      assertObjectKey(key);
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async head(key) {
      assertObjectKey(key);
      try {
        const answer = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          size: answer.ContentLength ?? 0,
          contentType: answer.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      assertObjectKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async checkBucket() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    close() {
      client.destroy();
    },
  };
}
