// The k6 script end to end on the Travellr and Soleil dialects (see dialect-stage.ts).
import { testDialects } from './dialect-stage.ts';

testDialects(['travellr', 'soleil']);
