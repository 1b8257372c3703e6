export { deliverMessage, unavailableReason, type DeliveryOutcome, type OutgoingMessage } from './deliver'
export { otpEmail, otpSmsText } from './messages'
export { channelAvailable, deliverySettings, demoBanner, isDemoMode, type Channel, type DeliverySettings } from './settings'
