// How Soleil's availability is read: a room is listed for a date range exactly while it is free for it (one room, one
// booking per range), so its free units over the range are 1 when listed and 0 when left out.
import type { z } from 'zod';
import type { ApiClient } from '../../client/api-client.ts';
import { succeed } from '../shared.ts';
import { routes, type Room } from './routes.ts';

export function listedUnits(rooms: z.output<typeof Room>[], roomId: string | number): number {
  return rooms.some((r) => String(r.id) === String(roomId)) ? 1 : 0;
}

export async function roomsFor(api: ApiClient, checkIn: string, checkOut: string) {
  return (await succeed(api, routes.rooms, { query: { check_in: checkIn, check_out: checkOut }, step: 'rooms.search' })).data;
}

export async function freeUnitsOfRoom(api: ApiClient, roomId: string | number, checkIn: string, checkOut: string): Promise<number> {
  return listedUnits(await roomsFor(api, checkIn, checkOut), roomId);
}
