import { types } from 'pg';

// Calendar dates stay ISO strings ('2011-04-21'): turning them into Date objects would
// shift them by the server's time zone. Counts (bigint) fit comfortably in a number.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
