package com.saascrm.selfservice;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The self-service pages as HTML, with Thymeleaf: templates {@code selfservice/*.html}, texts from
 * {@code selfservice/messages*.properties} in the account's language.
 */
@Component
class SelfServicePages {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    SelfServicePages() {
        ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
        texts.setBasename("selfservice/messages");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        engine.setTemplateEngineMessageSource(texts);
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("selfservice/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        engine.addTemplateResolver(templates);
    }

    String render(String page, Locale locale, Map<String, Object> facts) {
        Context context = new Context(locale, facts);
        context.setVariable("lang", locale.getLanguage());
        return engine.process(page, context);
    }
}
