/**
 * Service-level targets counted in working time: {@link io.memnun.sla.BusinessCalendar business calendars}
 * (weekly opening hours, a time zone, public holidays and half days from a
 * {@link io.memnun.sla.HolidayProvider}, per-date exceptions), the shipped
 * {@link io.memnun.sla.TurkishHolidays Turkish holidays}, and the {@link io.memnun.sla.SlaPolicy SLA policy}
 * that says, per priority and optionally per kind, channel, subject or location, how much working time
 * acknowledgement, first response and resolution may take, when to warn and whom to escalate to.
 */
@NullMarked
package io.memnun.sla;

import org.jspecify.annotations.NullMarked;
