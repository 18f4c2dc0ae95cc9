package com.healthmonitor.worker.check;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and server certificates it signs, made in memory for each test run. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final KeyPair caKeys = keys();
    private final X509Certificate ca;

    TestCertificates() {
        Instant now = Instant.now();
        ca = sign(
                "CN=Health Monitor Test CA",
                caKeys,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)),
                null,
                true);
    }

    /** A server's key and certificate for {@code dnsName} (and 127.0.0.1), valid in the given window. */
    ServerIdentity server(String dnsName, Instant notBefore, Instant notAfter) {
        KeyPair keys = keys();
        X509Certificate certificate = sign("CN=" + dnsName, keys, notBefore, notAfter, dnsName, false);
        return new ServerIdentity(keys, certificate, ca);
    }

    /** A client SSL context that trusts this CA only. */
    SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate sign(
            String subject, KeyPair keys, Instant notBefore, Instant notAfter, String dnsName, boolean isCa) {
        try {
            X500Name issuer = isCa
                    ? new X500Name(subject)
                    : new X500Name(ca.getSubjectX500Principal().getName());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
            }
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(isCa ? keys.getPrivate() : caKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an HTTPS server presents. */
    record ServerIdentity(KeyPair keys, X509Certificate certificate, X509Certificate ca) {

        SSLContext serverContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(
                        "server", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate, ca});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, "pw".toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
