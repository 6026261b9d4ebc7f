// The k6 script end to end on the ServiceLink and ERP dialects (see dialect-stage.ts).
import { testDialects } from './dialect-stage.ts';

testDialects(['servicelink', 'erp']);
