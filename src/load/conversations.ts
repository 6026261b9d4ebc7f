// Which load conversation speaks for a profile's system.
import type { Profile, SystemName } from '../profiles/types.ts';
import { erpLoad } from '../systems/erp/load.ts';
import { servicelinkLoad } from '../systems/servicelink/load.ts';
import { soleilLoad } from '../systems/soleil/load.ts';
import { travellrLoad } from '../systems/travellr/load.ts';
import { tripavailLoad } from '../systems/tripavail/load.ts';
import type { DescribeLoad } from './conversation.ts';

const bySystem: Record<SystemName, DescribeLoad> = {
  tripavail: tripavailLoad,
  travellr: travellrLoad,
  soleil: soleilLoad,
  servicelink: servicelinkLoad,
  erp: erpLoad,
};

export function describeLoad(profile: Profile): DescribeLoad {
  return bySystem[profile.system];
}
