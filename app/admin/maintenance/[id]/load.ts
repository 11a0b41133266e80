import { notFound } from 'next/navigation';
import { isServiceError } from '@/lib/errors';
import type { ServiceContext } from '@/lib/services/context';
import { getMaintenance } from '@/lib/services/maintenances/get';

/** Unknown and malformed ids alike show the console's 404. */
export async function loadMaintenanceOr404(ctx: ServiceContext, id: string) {
  try {
    return await getMaintenance({ ctx, input: { id } });
  } catch (error) {
    if (isServiceError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}
