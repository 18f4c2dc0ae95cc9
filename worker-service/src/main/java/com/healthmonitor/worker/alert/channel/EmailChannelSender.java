package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.worker.alert.AlertProperties;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through SMTP (Spring's JavaMailSender, configured from {@code SMTP_*}; STARTTLS required unless turned off):
 * one message with a plain-text and an HTML part to the channel's recipients, retried in-process like webhooks.
 */
final class EmailChannelSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(EmailChannelSender.class);

    /** SMTP's reply to a message it accepted; JavaMail returns from {@code send} only after it. */
    static final int SMTP_ACCEPTED = 250;

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final Retry retry;

    EmailChannelSender(ObjectProvider<JavaMailSender> mail, String from, AlertProperties properties) {
        this.mail = mail;
        this.from = from;
        Duration maxWait = properties.maxInProcessWait();
        this.retry = Retry.of(
                "email",
                RetryConfig.<Attempt>custom()
                        .maxAttempts(properties.maxAttempts())
                        .retryOnResult(attempt -> attempt.error() != null && !attempt.permanent())
                        .intervalFunction(attempt -> Math.min(
                                properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20),
                                maxWait.toMillis()))
                        .failAfterMaxAttempts(false)
                        .build());
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public DeliveryResult send(Destination destination, AlertMessage message, String body) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return new DeliveryResult.Failed(1, null, "SMTP is not configured (SMTP_HOST)", false, null);
        }
        EmailContent content = EmailContent.render(message);
        AtomicInteger tries = new AtomicInteger();
        Attempt last = retry.executeSupplier(() -> {
            tries.incrementAndGet();
            return sendOnce(sender, destination, content);
        });
        return last.error() == null
                ? new DeliveryResult.Delivered(tries.get(), SMTP_ACCEPTED)
                : new DeliveryResult.Failed(tries.get(), null, last.error(), last.permanent(), null);
    }

    private Attempt sendOnce(JavaMailSender sender, Destination destination, EmailContent content) {
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(destination.recipients().toArray(String[]::new));
            helper.setSubject(content.subject());
            helper.setText(content.text(), content.html());
            sender.send(mime);
            return new Attempt(null, false);
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            return new Attempt("invalid email: " + e.getMessage(), true);
        } catch (MailAuthenticationException e) {
            return new Attempt("SMTP authentication failed", false);
        } catch (MailException e) {
            log.warn("[EMAIL] attempt failed to channel={}: {}", destination.name(), e.getMessage());
            return new Attempt("SMTP: " + abbreviate(String.valueOf(e.getMessage())), false);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** One SMTP exchange: accepted when {@code error} is null. */
    private record Attempt(String error, boolean permanent) {}
}
