package com.saascrm.support;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * HTML pages of the application beside the web apps, rendered with Thymeleaf from a classpath folder, with their
 * texts from a message bundle where they have one. The folder is not Spring MVC's {@code templates/}: each kind of
 * page keeps its templates and texts together.
 */
public class HtmlTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    protected HtmlTemplates(String folder, String messagesBasename) {
        if (messagesBasename != null) {
            ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
            texts.setBasename(messagesBasename);
            texts.setDefaultEncoding("UTF-8");
            texts.setFallbackToSystemLocale(false);
            engine.setTemplateEngineMessageSource(texts);
        }
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix(folder);
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        engine.addTemplateResolver(templates);
    }

    public String render(String page, Locale locale, Map<String, Object> facts) {
        Context context = new Context(locale, facts);
        context.setVariable("lang", locale.getLanguage());
        return engine.process(page, context);
    }
}
