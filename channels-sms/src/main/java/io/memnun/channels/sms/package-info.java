/**
 * SMS notifications: {@link io.memnun.channels.sms.HttpSmsGateway} for HTTP gateways (with ready configurations
 * for Netgsm and Twilio) and {@link io.memnun.channels.sms.SmppSmsChannel} for an SMSC over SMPP. Both check the
 * number with libphonenumber, choose GSM-7, GSM-7 with the Turkish single shift table or UCS-2 by
 * {@link io.memnun.channels.sms.SmsText}, enforce a segment limit and hold non-urgent messages through the
 * recipient's quiet hours ({@link io.memnun.channels.sms.SmsPolicy}).
 */
@NullMarked
package io.memnun.channels.sms;

import org.jspecify.annotations.NullMarked;
