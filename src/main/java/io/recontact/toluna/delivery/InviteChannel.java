package io.recontact.toluna.delivery;

/** A way to hand an invite to its member. One instance serves every outbox row of its {@link #kind()}. */
public interface InviteChannel {

  DeliveryProperties.Channel kind();

  /**
   * Sends once. Returning normally means the receiver took the invite; anything else is a {@link DeliveryException}
   * saying whether trying again can help.
   */
  void deliver(InviteMessage message) throws DeliveryException;
}
