package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.worker.alert.AlertProperties;
import com.healthmonitor.worker.http.GuardedHttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    /** Webhooks use the worker's one guarded client: redirects are not followed, every address is approved. */
    @Bean
    WebhookSender webhookSender(GuardedHttpClient guardedHttpClient, AlertProperties alert, Clock clock) {
        return new WebhookSender(guardedHttpClient, alert, clock);
    }

    /** Only when SMTP_HOST is set; without it email channels fail visibly instead of the worker not starting. */
    @Bean
    @ConditionalOnExpression("'${health-monitor.smtp.host:}' != ''")
    JavaMailSender javaMailSender(SmtpProperties smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        if (smtp.username() != null && !smtp.username().isBlank()) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
        }
        sender.setDefaultEncoding("UTF-8");
        Properties mail = new Properties();
        mail.put(
                "mail.smtp.auth",
                Boolean.toString(smtp.username() != null && !smtp.username().isBlank()));
        mail.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        mail.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        String timeout = Long.toString(smtp.timeout().toMillis());
        mail.put("mail.smtp.connectiontimeout", timeout);
        mail.put("mail.smtp.timeout", timeout);
        mail.put("mail.smtp.writetimeout", timeout);
        sender.setJavaMailProperties(mail);
        return sender;
    }

    @Bean
    ChannelSenders channelSenders(
            WebhookSender webhookSender,
            ObjectProvider<JavaMailSender> mail,
            SmtpProperties smtp,
            AlertProperties alert) {
        return new ChannelSenders(List.of(
                new HttpChannelSender(ChannelType.SLACK, SlackPayload::render, webhookSender),
                new HttpChannelSender(ChannelType.GOOGLE_CHAT, GoogleChatPayload::render, webhookSender),
                new HttpChannelSender(ChannelType.TEAMS, TeamsPayload::render, webhookSender),
                new HttpChannelSender(ChannelType.DISCORD, DiscordPayload::render, webhookSender),
                new HttpChannelSender(ChannelType.WEBHOOK, WebhookPayload::render, webhookSender),
                new EmailChannelSender(mail, smtp.from(), alert)));
    }
}
