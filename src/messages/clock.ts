/** The local time of day (HH:MM) of an ISO timestamp, for sentences about a pause. */
export const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 5);
