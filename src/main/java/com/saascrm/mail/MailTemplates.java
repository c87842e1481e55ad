package com.saascrm.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the product's mail with Thymeleaf: an HTML and a plain-text template per mail type
 * ({@code mail/html/*.html}, {@code mail/text/*.txt}), with texts from {@code mail/messages*.properties} in the
 * account's language, so both parts carry the same sentences.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource texts;

    MailTemplates() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("mail/messages");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        this.texts = bundle;
        engine.setTemplateEngineMessageSource(bundle);
        engine.addTemplateResolver(resolver("html/*", ".html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("text/*", ".txt", TemplateMode.TEXT, 2));
    }

    record RenderedMail(String subject, String text, String html) {}

    RenderedMail render(MailType type, Locale locale, Map<String, Object> facts, Object... subjectArguments) {
        Context context = new Context(locale, facts);
        context.setVariable("lang", locale.getLanguage());
        String template = type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new RenderedMail(
                texts.getMessage(type.name().toLowerCase(Locale.ROOT) + ".subject", subjectArguments, locale),
                engine.process("text/" + template, context),
                engine.process("html/" + template, context));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }
}
