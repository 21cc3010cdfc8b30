import { fileResponse } from '../file';

/** The frozen PDF of a published disclosure, byte for byte, with its SHA-256. */
export async function GET(request: Request, { params }: { params: Promise<{ snapshotId: string }> }) {
  return fileResponse(request, (await params).snapshotId, 'pdf');
}
