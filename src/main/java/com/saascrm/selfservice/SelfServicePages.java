package com.saascrm.selfservice;

import org.springframework.stereotype.Component;

import com.saascrm.support.HtmlTemplates;

/**
 * The self-service pages: templates {@code selfservice/*.html}, texts from {@code selfservice/messages*.properties}
 * in the account's language.
 */
@Component
class SelfServicePages extends HtmlTemplates {

    SelfServicePages() {
        super("selfservice/", "selfservice/messages");
    }
}
