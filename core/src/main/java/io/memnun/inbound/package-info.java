/**
 * Messages that arrive from customers by e-mail or SMS: {@link io.memnun.inbound.InboundProcessor} turns each
 * {@link io.memnun.inbound.InboundMessage} into a new feedback, a message on the feedback it answers, or the
 * customer's decision on a resolution, and ignores auto-replies. The protocol code (IMAP, SMPP, gateway
 * call-backs) lives in the channel modules; the decisions are made here, once, for all of them.
 */
@NullMarked
package io.memnun.inbound;

import org.jspecify.annotations.NullMarked;
