package com.saascrm.retention;

/** The retention offer's decision table answered something that is no offer: a fault in a rule, for its editors. */
public class InvalidRetentionOfferException extends IllegalArgumentException {

    public InvalidRetentionOfferException(String fault) {
        super("The retention-offer decision " + fault);
    }
}
