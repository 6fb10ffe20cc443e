/** What the syscalls need from the database that hosts the module. */
export type SysEnv = {
  /** `ctx.identity`: the database's own identity. */
  databaseIdentity: bigint;
  /** Module console output (`console_log`); level as upstream (error 0 … trace 4, panic 101). */
  log(level: number, message: string): void;
  /** JSON of the JWT payload the connection presented, if any. */
  jwtPayload(connectionId: bigint): string | undefined;
  /** `volatile_nonatomic_schedule_immediate`: run a reducer after the current call, outside its tx. */
  scheduleImmediate(reducerName: string, args: Uint8Array): void;
  /** A row was written to a schedule table (upstream schedules at write time, non-transactionally). May throw HostError 13. */
  scheduleRow(tableId: number, row: Uint8Array): void;
  /** Procedure transactions (`ctx.withTx`). `start` returns the tx timestamp in micros. */
  procedureTx: { start(): bigint; commit(): void; abort(): void };
  /** Milliseconds for console timers: virtual time in scenarios so output stays deterministic. */
  now(): number;
};
