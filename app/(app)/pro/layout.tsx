import { signedInSegment } from '@/components/layout/signed-in-segment';

export default signedInSegment('/pro');
