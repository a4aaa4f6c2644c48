import { z } from "zod";

/**
 * Files uploaded ahead of a ticket or reply (POST /api/uploads), by id. The hard cap only
 * bounds the request; the service applies the configured uploads.max_files.
 */
export const uploadIds = z.array(z.uuid()).max(100).optional();

export const discardUploadInput = z.object({ uploadId: z.uuid() });
