1717221600@05/00-06690-0E8BA566@05/00-06690-0E8BA566@04/00-06690-0E8BA566@R@lihall@silverpoint.net@updates@e.newsdaily.net@10.20.0.23@25536@ecstream@mta1-pool@mta1-c
1717221600@05/00-06690-0E8BA566@05/00-06690-0E8BA566@06/00-06690-0E8BA566@D@silverpoint.net@26098@mta1-pool@mta1-c@0@0.055@151.218.12.78
1717221601@08/00-06690-1E8BA566@08/00-06690-1E8BA566@07/00-06690-1E8BA566@R@emmadubois49@cox.net@alerts@alerts.ridego.com@10.20.0.38@12993@esmtp@transactional@tx-a
1717221601@08/00-06690-1E8BA566@08/00-06690-1E8BA566@09/00-06690-1E8BA566@P@cox.net@0@transactional@tx-a@4@0@0.503@146.78.67.194@550 5.1.1 <emmadubois49@cox.net>... User unknown
1717221604@0B/00-06690-4E8BA566@0B/00-06690-4E8BA566@0A/00-06690-4E8BA566@R@linda.thompson@gmail.com@deals@em.travelnest.com@10.20.0.17@26607@esmtp@mta1-pool@mta1-a
1717221604@0C/00-06690-4E8BA566@0B/00-06690-4E8BA566@0A/00-06690-4E8BA566@R@maria.martin@gmail.com@deals@em.travelnest.com@10.20.0.17@26607@esmtp@mta1-pool@mta1-a
1717221604@0D/00-06690-4E8BA566@0B/00-06690-4E8BA566@0A/00-06690-4E8BA566@R@betty.wilson@comcast.net@deals@em.travelnest.com@10.20.0.17@26607@esmtp@mta1-pool@mta1-a
1717221604@0F/00-06690-4E8BA566@0F/00-06690-4E8BA566@0E/00-06690-4E8BA566@R@kowalski.sarah@gmail.com@noreply@notify.bankly.io@unknown@5992@rest@transactional@tx-a
1717221605@0D/00-06690-4E8BA566@0B/00-06690-4E8BA566@10/00-06690-5E8BA566@D@comcast.net@27253@mta1-pool@mta1-a@0@0.903@212.217.13.161
1717221605@0B/00-06690-4E8BA566@0B/00-06690-4E8BA566@11/00-06690-5E8BA566@P@gmail.com@27270@mta1-pool@mta1-a@9@0@1.03@64.233.184.26@550-5.7.1 [203.0.113.21      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError p62f8o4u2x9fv-7w2s2t3pmosi81806263fm.713 - gsmtp
1717221605@0F/00-06690-4E8BA566@0F/00-06690-4E8BA566@12/00-06690-5E8BA566@D@gmail.com@6626@transactional@tx-a@0@0.679@64.233.184.26
1717221606@14/00-06690-6E8BA566@14/00-06690-6E8BA566@13/00-06690-6E8BA566@R@mattallen@gmail.com@deals@em.travelnest.com@10.20.3.19@103176@esmtp@mta1-pool@mta1-a
1717221606@14/00-06690-6E8BA566@14/00-06690-6E8BA566@11/00-06690-5E8BA566@D@gmail.com@103861@mta1-pool@mta1-a@0@0.051@64.233.184.26
1717221609@16/00-06690-9E8BA566@16/00-06690-9E8BA566@15/00-06690-9E8BA566@R@jennifer.jensen@gmail.com@newsletter@news.shopwise.com@10.20.1.22@175171@ecstream@mta1-pool@mta1-a
1717221610@18/00-06690-AE8BA566@18/00-06690-AE8BA566@17/00-06690-AE8BA566@R@betty.hernandez@outlook.com@info@postalengine.com@10.20.1.15@2769@esmtp@default@default
1717221610@1A/00-06690-AE8BA566@1A/00-06690-AE8BA566@19/00-06690-AE8BA566@R@james.sanchez@yahoo.co.uk@receipts@mail.shopwise.com@10.20.3.21@32177@ecstream@transactional@tx-b
1717221610@1A/00-06690-AE8BA566@1A/00-06690-AE8BA566@1B/00-06690-AE8BA566@D@yahoo.co.uk@32855@transactional@tx-b@0@0.164@98.136.96.91
1717221610@16/00-06690-9E8BA566@16/00-06690-9E8BA566@11/00-06690-5E8BA566@T@gmail.com@175734@mta1-pool@mta1-a@9@0@1.17@64.233.184.26@421-4.7.28 [203.0.113.21      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. eydhc25hnaogy-x4xeu8731ysi5907551ej6.350 - gsmtp
1717221611@1D/00-06690-BE8BA566@1D/00-06690-BE8BA566@1C/00-06690-BE8BA566@R@campbell.gary@outlook.com@hello@mail.fitpulse.app@unknown@55849@rest@mta2-pool@mta2-a
1717221611@1D/00-06690-BE8BA566@1D/00-06690-BE8BA566@1E/00-06690-BE8BA566@D@outlook.com@56511@mta2-pool@mta2-a@0@0.152@2a01:111:f403::1
1717221611@20/00-06690-BE8BA566@20/00-06690-BE8BA566@1F/00-06690-BE8BA566@R@jwang@brighthealth.com@info@postalengine.com@10.20.1.32@6976@esmtp@default@default
1717221612@20/00-06690-BE8BA566@20/00-06690-BE8BA566@21/00-06690-CE8BA566@D@brighthealth.com@6976@default@default@0@0.545@217.252.155.52
1717221612@18/00-06690-AE8BA566@18/00-06690-AE8BA566@22/00-06690-CE8BA566@T@outlook.com@0@default@default@4@0@2.16@2a01:111:f403::1@451 4.7.500 Server busy. Please try again later from [203.0.113.10]. (S77719) [CO1NAM10FT084.eop-nam10.prod.protection.outlook.com]
1717221612@24/00-06690-CE8BA566@24/00-06690-CE8BA566@23/00-06690-CE8BA566@R@sandra_gonzalez@live.com@updates@e.newsdaily.net@10.20.0.21@21862@ecstream@mta1-pool@mta1-a
1717221613@26/00-06690-DE8BA566@26/00-06690-DE8BA566@25/00-06690-DE8BA566@R@carol.martin@outlook.com@deals@em.travelnest.com@10.20.1.23@39550@esmtp@mta1-pool@mta1-a
1717221613@24/00-06690-CE8BA566@24/00-06690-CE8BA566@27/00-06690-DE8BA566@D@live.com@22539@mta1-pool@mta1-a@0@1.34@52.101.42.0
1717221613@26/00-06690-DE8BA566@26/00-06690-DE8BA566@28/00-06690-DE8BA566@D@outlook.com@40255@mta1-pool@mta1-a@0@0.390@52.101.42.0
1717221614@2A/00-06690-EE8BA566@2A/00-06690-EE8BA566@29/00-06690-EE8BA566@R@dhill@outlook.com@deals@em.travelnest.com@10.20.1.36@60361@esmtp@mta1-pool@mta1-a
1717221614@2A/00-06690-EE8BA566@2A/00-06690-EE8BA566@28/00-06690-DE8BA566@D@outlook.com@60842@mta1-pool@mta1-a@0@0.378@52.101.42.0
1717221614@2C/00-06690-EE8BA566@2C/00-06690-EE8BA566@2B/00-06690-EE8BA566@R@joshjohnson@att.net@no-reply@accounts.gamehub.gg@unknown@4124@rest@transactional@tx-b
1717221615@2C/00-06690-EE8BA566@2C/00-06690-EE8BA566@2D/00-06690-FE8BA566@D@att.net@4646@transactional@tx-b@0@0.532@67.195.204.72
1717221616@00/00-06690-9A169566@00/00-06690-9A169566@2E/00-06690-0F8BA566@D@alphahealth.org@13799@mta1-pool@mta1-b@9@87878.00@81.95.91.21
1717221617@30/00-06690-1F8BA566@30/00-06690-1F8BA566@2F/00-06690-1F8BA566@R@bettynovak72@aol.com@msprvs1=19678glng1y1pgy0=bounces-950343@sparkpostmail1.com@unknown@98181@rest@mta1-pool@mta1-a
1717221617@30/00-06690-1F8BA566@30/00-06690-1F8BA566@31/00-06690-1F8BA566@D@aol.com@98800@mta1-pool@mta1-a@0@0.302@67.195.204.72
1717221618@33/00-06690-2F8BA566@33/00-06690-2F8BA566@32/00-06690-2F8BA566@R@sarah.schmidt@att.net@newsletter@news.shopwise.com@10.20.1.15@91756@ecstream@mta1-pool@mta1-d
1717221619@33/00-06690-2F8BA566@33/00-06690-2F8BA566@34/00-06690-3F8BA566@T@att.net@0@mta1-pool@mta1-d@4@0@0.794@67.195.228.110@421 4.7.0 [TSS04] Messages from 203.0.113.24 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221619@36/00-06690-3F8BA566@36/00-06690-3F8BA566@35/00-06690-3F8BA566@R@adams.tony@mail.ru@offers@m.homestylehub.com@10.20.2.18@66259@esmtp@mta2-pool@mta2-b
1717221620@38/00-06690-4F8BA566@38/00-06690-4F8BA566@37/00-06690-4F8BA566@R@andrew.smith@hotmail.com@root@mta1.postalengine.com@2001:db8::26@4311@esmtp@default@default
1717221620@38/00-06690-4F8BA566@38/00-06690-4F8BA566@39/00-06690-4F8BA566@D@hotmail.com@4311@default@default@0@0.051@104.47.58.33
1717221622@01/00-06690-86BE5566@01/00-06690-86BE5566@00/00-00000-00000000@P@oldcompany.biz@0@default@default@0@25@314765.00@@554 5.4.7 [internal] exceeded max time without delivery
1717221622@3B/00-06690-6F8BA566@3B/00-06690-6F8BA566@3A/00-06690-6F8BA566@R@eric_wang@yahoo.com@info@postalengine.com@10.20.3.26@13725@esmtp@default@default
1717221622@3B/00-06690-6F8BA566@3B/00-06690-6F8BA566@3C/00-06690-6F8BA566@D@yahoo.com@13725@default@default@0@0.057@98.136.96.91
1717221622@3E/00-06690-6F8BA566@3E/00-06690-6F8BA566@3D/00-06690-6F8BA566@R@josephjackson49@fabrikam.com@noreply@notify.bankly.io@unknown@3172@rest@transactional@tx-a
1717221623@3E/00-06690-6F8BA566@3E/00-06690-6F8BA566@3F/00-06690-7F8BA566@P@fabrikam.com@0@transactional@tx-a@4@0@0.782@151.88.82.116@550 5.2.1 <josephjackson49@fabrikam.com>: Mailbox disabled, not accepting messages
1717221624@41/00-06690-8F8BA566@41/00-06690-8F8BA566@40/00-06690-8F8BA566@R@dadams@gmail.com@alerts@alerts.ridego.com@10.20.3.11@22048@esmtp@transactional@tx-a
1717221624@43/00-06690-8F8BA566@43/00-06690-8F8BA566@42/00-06690-8F8BA566@R@linda.green@hotmail.com@newsletter@news.shopwise.com@10.20.1.36@192588@ecstream@mta1-pool@mta1-c
1717221624@45/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@chris.santos@sunmotors.io@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@46/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@ryans5384@live.com@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@47/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@karen1982@hotmail.com@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@48/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@jnelson@yahoo.com@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@49/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@ron.young@brightsoft.co.uk@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@4A/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@garyb944@cedarline.com@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@4B/00-06690-8F8BA566@45/00-06690-8F8BA566@44/00-06690-8F8BA566@R@emma_patel@aol.co@hello@mail.fitpulse.app@unknown@16104@rest@mta2-pool@mta2-a
1717221624@43/00-06690-8F8BA566@43/00-06690-8F8BA566@4C/00-06690-8F8BA566@D@hotmail.com@193104@mta1-pool@mta1-c@0@0.820@104.47.58.33
1717221625@41/00-06690-8F8BA566@41/00-06690-8F8BA566@12/00-06690-5E8BA566@D@gmail.com@22691@transactional@tx-a@0@1.11@64.233.184.26
1717221625@4E/00-06690-9F8BA566@4E/00-06690-9F8BA566@4D/00-06690-9F8BA566@R@chloe2007@yahoo.com@msprvs1=194411wump45v816=bounces-411967@sparkpostmail1.com@unknown@25191@rest@mta1-pool@mta1-d
1717221625@4B/00-06690-8F8BA566@45/00-06690-8F8BA566@00/00-00000-00000000@P@aol.co@0@mta2-pool@mta2-a@0@0@0.618@@554 5.4.4 [internal] unable to resolve domain: NXDOMAIN
1717221625@46/00-06690-8F8BA566@45/00-06690-8F8BA566@4F/00-06690-9F8BA566@P@live.com@0@mta2-pool@mta2-a@4@0@0.795@104.47.58.33@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR11FT063.eop-eur11.prod.protection.outlook.com]
1717221625@51/00-06690-9F8BA566@51/00-06690-9F8BA566@50/00-06690-9F8BA566@R@stevewhite78@stonelabs.org@deals@em.travelnest.com@10.20.2.17@233742@esmtp@mta1-pool@mta1-b
1717221625@47/00-06690-8F8BA566@45/00-06690-8F8BA566@52/00-06690-9F8BA566@D@hotmail.com@16818@mta2-pool@mta2-a@0@0.925@104.47.58.33
1717221625@48/00-06690-8F8BA566@45/00-06690-8F8BA566@53/00-06690-9F8BA566@D@yahoo.com@16688@mta2-pool@mta2-a@0@1.28@98.136.96.74
1717221626@4A/00-06690-8F8BA566@45/00-06690-8F8BA566@54/00-06690-AF8BA566@D@cedarline.com@16741@mta2-pool@mta2-a@0@1.35@212.71.224.205
1717221626@49/00-06690-8F8BA566@45/00-06690-8F8BA566@55/00-06690-AF8BA566@D@brightsoft.co.uk@16818@mta2-pool@mta2-a@0@1.46@62.72.79.54
1717221626@51/00-06690-9F8BA566@51/00-06690-9F8BA566@56/00-06690-AF8BA566@D@stonelabs.org@234309@mta1-pool@mta1-b@0@0.976@185.158.242.31
1717221626@45/00-06690-8F8BA566@45/00-06690-8F8BA566@57/00-06690-AF8BA566@D@sunmotors.io@16614@mta2-pool@mta2-a@0@1.97@85.9.160.191
1717221626@59/00-06690-AF8BA566@59/00-06690-AF8BA566@58/00-06690-AF8BA566@R@susan.mitchell@gmail.com@receipts@mail.shopwise.com@10.20.1.15@8511@ecstream@transactional@tx-a
1717221626@4E/00-06690-9F8BA566@4E/00-06690-9F8BA566@5A/00-06690-AF8BA566@D@yahoo.com@25673@mta1-pool@mta1-d@0@1.49@67.195.228.110
1717221627@5C/00-06690-BF8BA566@5C/00-06690-BF8BA566@5B/00-06690-BF8BA566@R@sophia.jensen@msn.com@hello@mail.fitpulse.app@unknown@53742@rest@mta2-pool@mta2-b
1717221627@5C/00-06690-BF8BA566@5C/00-06690-BF8BA566@5D/00-06690-BF8BA566@D@msn.com@54307@mta2-pool@mta2-b@0@0.101@52.101.42.0
1717221628@5F/00-06690-CF8BA566@5F/00-06690-CF8BA566@5E/00-06690-CF8BA566@R@jeffa2322@icloud.com@no-reply@accounts.gamehub.gg@unknown@16906@rest@transactional@tx-b
1717221628@61/00-06690-CF8BA566@61/00-06690-CF8BA566@60/00-06690-CF8BA566@R@mary.green@firstcore.fr@alerts@alerts.ridego.com@10.20.1.26@4060@esmtp@transactional@tx-b
1717221628@59/00-06690-AF8BA566@59/00-06690-AF8BA566@12/00-06690-5E8BA566@P@gmail.com@9007@transactional@tx-a@9@0@1.93@64.233.184.26@550-5.7.1 [203.0.113.41      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError vp3elxl9rxnfe-tj3uoe6b6gsi8972273fyj.405 - gsmtp
1717221628@61/00-06690-CF8BA566@61/00-06690-CF8BA566@62/00-06690-CF8BA566@D@firstcore.fr@4592@transactional@tx-b@0@0.151@85.232.18.80
1717221629@64/00-06690-DF8BA566@64/00-06690-DF8BA566@63/00-06690-DF8BA566@R@annah8342@novalabs.de@no-reply@accounts.gamehub.gg@unknown@7469@rest@transactional@tx-a
1717221630@64/00-06690-DF8BA566@64/00-06690-DF8BA566@65/00-06690-EF8BA566@D@novalabs.de@7999@transactional@tx-a@0@1.05@188.138.45.140
1717221630@67/00-06690-EF8BA566@67/00-06690-EF8BA566@66/00-06690-EF8BA566@R@annalewis68@bluelabs.co.uk@no-reply@accounts.gamehub.gg@unknown@13662@rest@transactional@tx-a
1717221631@69/00-06690-FF8BA566@69/00-06690-FF8BA566@68/00-06690-FF8BA566@R@ed.martinez@OUTLOOK.COM@billing@billing.cloudnest.io@unknown@49535@rest@transactional@tx-a
1717221631@6B/00-06690-FF8BA566@6B/00-06690-FF8BA566@6A/00-06690-FF8BA566@R@danielschmidt@initech.com@no-reply@accounts.gamehub.gg@unknown@38070@rest@transactional@tx-b
1717221632@6B/00-06690-FF8BA566@6B/00-06690-FF8BA566@6C/00-06690-009BA566@D@initech.com@38753@transactional@tx-b@0@0.378@146.153.146.86
1717221632@6E/00-06690-009BA566@6E/00-06690-009BA566@6D/00-06690-009BA566@R@olivia+work@ironsoft.io@noreply@notify.bankly.io@unknown@4376@rest@transactional@tx-a
1717221633@67/00-06690-EF8BA566@67/00-06690-EF8BA566@6F/00-06690-109BA566@T@bluelabs.co.uk@0@transactional@tx-a@4@0@2.24@37.111.134.28@451 4.7.1 <annalewis68@bluelabs.co.uk>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/bluelabs.co.uk.html
1717221633@6E/00-06690-009BA566@6E/00-06690-009BA566@70/00-06690-109BA566@D@ironsoft.io@5091@transactional@tx-a@0@0.687@185.172.129.224
1717221633@72/00-06690-109BA566@72/00-06690-109BA566@71/00-06690-109BA566@R@ashley.torres@urbanpath.com@noreply@notify.bankly.io@unknown@24183@rest@transactional@tx-b
1717221633@74/00-06690-109BA566@74/00-06690-109BA566@73/00-06690-109BA566@R@chloe+old@yahoo.com@no-reply@accounts.gamehub.gg@unknown@13015@rest@transactional@tx-a
1717221634@72/00-06690-109BA566@72/00-06690-109BA566@75/00-06690-209BA566@D@urbanpath.com@24738@transactional@tx-b@0@1.08@195.251.23.135
1717221635@5F/00-06690-CF8BA566@5F/00-06690-CF8BA566@76/00-06690-309BA566@P@icloud.com@0@transactional@tx-b@4@0@6.68@17.57.154.6@550 5.1.1 <jeffa2322@icloud.com>: user does not exist
1717221635@78/00-06690-309BA566@78/00-06690-309BA566@77/00-06690-309BA566@R@joseph.hall@brightcloud.ca@alerts@alerts.ridego.com@10.20.1.23@2450@esmtp@transactional@tx-b
1717221635@74/00-06690-109BA566@74/00-06690-109BA566@79/00-06690-309BA566@D@yahoo.com@13604@transactional@tx-a@0@1.97@67.195.228.110
1717221636@78/00-06690-309BA566@78/00-06690-309BA566@7A/00-06690-409BA566@T@brightcloud.ca@3016@transactional@tx-b@12@0@0.560@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717221636@7C/00-06690-409BA566@7C/00-06690-409BA566@7B/00-06690-409BA566@R@michael.ramirez@comcast.net@@@127.0.0.1@12449@internal@default@default
1717221637@7E/00-06690-509BA566@7E/00-06690-509BA566@7D/00-06690-509BA566@R@ava.brown@yahoo.com@info@postalengine.com@10.20.1.40@1354@esmtp@default@default
1717221637@7E/00-06690-509BA566@7E/00-06690-509BA566@3C/00-06690-6F8BA566@D@yahoo.com@1354@default@default@0@0.119@98.136.96.91
1717221637@7C/00-06690-409BA566@7C/00-06690-409BA566@7F/00-06690-509BA566@D@comcast.net@12449@default@default@0@0.807@212.217.13.56
1717221637@81/00-06690-509BA566@81/00-06690-509BA566@80/00-06690-509BA566@R@brown.emma@gmail.com@offers@m.homestylehub.com@10.20.0.34@399140@esmtp@mta2-pool@mta2-a
1717221637@81/00-06690-509BA566@81/00-06690-509BA566@82/00-06690-509BA566@D@gmail.com@399853@mta2-pool@mta2-a@0@0.032@142.251.16.27
1717221638@84/00-06690-609BA566@84/00-06690-609BA566@83/00-06690-609BA566@R@melissa+old@yahoo.com@offers@m.homestylehub.com@10.20.2.28@76767@esmtp@mta2-pool@mta2-a
1717221638@85/00-06690-609BA566@84/00-06690-609BA566@83/00-06690-609BA566@R@donna.thomas@gmail.com@offers@m.homestylehub.com@10.20.2.28@76767@esmtp@mta2-pool@mta2-a
1717221638@86/00-06690-609BA566@84/00-06690-609BA566@83/00-06690-609BA566@R@brian+box@free.fr@offers@m.homestylehub.com@10.20.2.28@76767@esmtp@mta2-pool@mta2-a
1717221638@86/00-06690-609BA566@84/00-06690-609BA566@87/00-06690-609BA566@D@free.fr@77335@mta2-pool@mta2-a@0@0.681@212.194.82.142
1717221638@84/00-06690-609BA566@84/00-06690-609BA566@53/00-06690-9F8BA566@P@yahoo.com@0@mta2-pool@mta2-a@4@0@0.803@98.136.96.74@553 5.7.2 [TSS09] All messages from 198.51.100.31 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes
1717221638@89/00-06690-609BA566@89/00-06690-609BA566@88/00-06690-609BA566@R@markzhang@gmail.com@receipts@mail.shopwise.com@10.20.0.29@29563@ecstream@transactional@tx-b
1717221639@8B/00-06690-709BA566@8B/00-06690-709BA566@8A/00-06690-709BA566@R@mia1968@gmail.com@newsletter@news.shopwise.com@10.20.1.29@91838@ecstream@mta1-pool@mta1-c
1717221640@85/00-06690-609BA566@84/00-06690-609BA566@82/00-06690-509BA566@D@gmail.com@77305@mta2-pool@mta2-a@0@2.00@142.251.16.27
1717221640@89/00-06690-609BA566@89/00-06690-609BA566@8C/00-06690-809BA566@D@gmail.com@30266@transactional@tx-b@0@1.52@142.250.27.26
1717221640@8B/00-06690-709BA566@8B/00-06690-709BA566@8D/00-06690-809BA566@D@gmail.com@92534@mta1-pool@mta1-c@0@0.971@2607:f8b0:4004:c1b::1b
1717221641@8F/00-06690-909BA566@8F/00-06690-909BA566@8E/00-06690-909BA566@R@rtorres@gmail.com@alerts@alerts.ridego.com@10.20.3.25@5011@esmtp@transactional@tx-b
1717221641@91/00-06690-909BA566@91/00-06690-909BA566@90/00-06690-909BA566@R@patricia1972@verizon.net@updates@e.newsdaily.net@10.20.1.20@19750@ecstream@mta1-pool@mta1-c
1717221641@93/00-06690-909BA566@93/00-06690-909BA566@92/00-06690-909BA566@R@markmartin@truepoint.com.au@alerts@alerts.ridego.com@10.20.2.31@9276@esmtp@transactional@tx-a
1717221641@93/00-06690-909BA566@93/00-06690-909BA566@94/00-06690-909BA566@P@truepoint.com.au@0@transactional@tx-a@4@0@0.193@45.46.20.146@552 5.2.2 <markmartin@truepoint.com.au>: Mailbox full
1717221641@96/00-06690-909BA566@96/00-06690-909BA566@95/00-06690-909BA566@R@priya+work@hotmail.com@deals@em.travelnest.com@10.20.3.31@49660@esmtp@mta1-pool@mta1-b
1717221642@98/00-06690-A09BA566@98/00-06690-A09BA566@97/00-06690-A09BA566@R@chloe1966@gmail.com@noreply@notify.bankly.io@unknown@7318@rest@transactional@tx-a
1717221642@96/00-06690-909BA566@96/00-06690-909BA566@99/00-06690-A09BA566@D@hotmail.com@50170@mta1-pool@mta1-b@0@0.333@52.101.8.41
1717221642@91/00-06690-909BA566@91/00-06690-909BA566@9A/00-06690-A09BA566@D@verizon.net@20314@mta1-pool@mta1-c@0@1.23@67.195.204.72
1717221642@9C/00-06690-A09BA566@9C/00-06690-A09BA566@9B/00-06690-A09BA566@R@nancy.santos@live.com@hello@mail.fitpulse.app@unknown@9957@rest@mta2-pool@mta2-a
1717221642@9D/00-06690-A09BA566@9C/00-06690-A09BA566@9B/00-06690-A09BA566@R@william_novak@gmail.com@hello@mail.fitpulse.app@unknown@9957@rest@mta2-pool@mta2-a
1717221642@9C/00-06690-A09BA566@9C/00-06690-A09BA566@4F/00-06690-9F8BA566@D@live.com@10465@mta2-pool@mta2-a@0@0.169@104.47.58.33
1717221643@9D/00-06690-A09BA566@9C/00-06690-A09BA566@82/00-06690-509BA566@D@gmail.com@10619@mta2-pool@mta2-a@0@0.378@142.251.16.27
1717221643@98/00-06690-A09BA566@98/00-06690-A09BA566@12/00-06690-5E8BA566@D@gmail.com@7804@transactional@tx-a@0@1.58@64.233.184.26
1717221643@9E/00-06690-B09BA566@9E/00-06690-B09BA566@92/00-06690-909BA566@R@priya1988@yahoo.com@alerts@alerts.ridego.com@10.20.2.31@10229@esmtp@transactional@tx-a
1717221644@A0/00-06690-C09BA566@A0/00-06690-C09BA566@9F/00-06690-C09BA566@R@raj1958@gmail.com@offers@m.homestylehub.com@10.20.0.24@141623@esmtp@mta2-pool@mta2-a
1717221644@A1/00-06690-C09BA566@A0/00-06690-C09BA566@9F/00-06690-C09BA566@R@joseph1958@gmail.com@offers@m.homestylehub.com@10.20.0.24@141623@esmtp@mta2-pool@mta2-a
1717221644@A3/00-06690-C09BA566@A3/00-06690-C09BA566@A2/00-06690-C09BA566@R@james.hernandez@yahoo.com@noreply@notify.bankly.io@unknown@7639@rest@transactional@tx-b
1717221644@A3/00-06690-C09BA566@A3/00-06690-C09BA566@A4/00-06690-C09BA566@T@yahoo.com@8190@transactional@tx-b@9@0@0.199@98.136.96.74@451 Message temporarily deferred - [160]
1717221644@A0/00-06690-C09BA566@A0/00-06690-C09BA566@82/00-06690-509BA566@P@gmail.com@142247@mta2-pool@mta2-a@9@0@0.387@142.251.16.27@552-5.7.0 This message was blocked because its content presents a potential 552-5.7.0 security issue. To review our message content and attachment content 552-5.7.0 guidelines, go to 552 5.7.0  https://support.google.com/mail/?p=BlockedMessage 1emosypalp6gl-fzbrmtlqxisi20153992dz.310 - gsmtp
1717221645@A6/00-06690-D09BA566@A6/00-06690-D09BA566@A5/00-06690-D09BA566@R@michelle1961@gmail.com@noreply@notify.bankly.io@unknown@7578@rest@transactional@tx-a
1717221645@9E/00-06690-B09BA566@9E/00-06690-B09BA566@79/00-06690-309BA566@D@yahoo.com@10931@transactional@tx-a@0@1.74@67.195.228.110
1717221645@A6/00-06690-D09BA566@A6/00-06690-D09BA566@12/00-06690-5E8BA566@D@gmail.com@8114@transactional@tx-a@0@0.577@64.233.184.26
1717221645@A8/00-06690-D09BA566@A8/00-06690-D09BA566@A7/00-06690-D09BA566@R@"sarah sanchez"@yahoo.com@alerts@alerts.ridego.com@10.20.0.32@28014@esmtp@transactional@tx-a
1717221645@A1/00-06690-C09BA566@A0/00-06690-C09BA566@82/00-06690-509BA566@D@gmail.com@142242@mta2-pool@mta2-a@0@1.40@142.251.16.27
1717221646@A8/00-06690-D09BA566@A8/00-06690-D09BA566@79/00-06690-309BA566@D@yahoo.com@28588@transactional@tx-a@0@0.254@67.195.228.110
1717221646@AA/00-06690-E09BA566@AA/00-06690-E09BA566@A9/00-06690-E09BA566@R@anna.ivanov@sbcglobal.net@alerts@alerts.ridego.com@10.20.3.10@6490@esmtp@transactional@tx-a
1717221646@@@@M
1717221647@AC/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@andrew1983@gmail.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@AD/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@amanda2000@outlook.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@AE/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@tony.schmidt@me.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@AF/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@daniel+work@gmail.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B0/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@thomass3146@gmail.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B1/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@deb_roberts@comcast.net@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B2/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@linda.santos@sbcglobal.net@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B3/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@myoung@protonmail.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B4/00-06690-F09BA566@AC/00-06690-F09BA566@AB/00-06690-F09BA566@R@elizabeth2000@gmail.com@deals@em.travelnest.com@10.20.0.38@57519@esmtp@mta1-pool@mta1-a
1717221647@B1/00-06690-F09BA566@AC/00-06690-F09BA566@B5/00-06690-F09BA566@D@comcast.net@58101@mta1-pool@mta1-a@0@0.102@212.217.13.69
1717221647@B4/00-06690-F09BA566@AC/00-06690-F09BA566@B6/00-06690-F09BA566@D@gmail.com@58200@mta1-pool@mta1-a@0@0.164@2607:f8b0:4004:c1b::1b
1717221647@AF/00-06690-F09BA566@AC/00-06690-F09BA566@B6/00-06690-F09BA566@D@gmail.com@58042@mta1-pool@mta1-a@0@0.319@2607:f8b0:4004:c1b::1b
1717221647@AA/00-06690-E09BA566@AA/00-06690-E09BA566@B7/00-06690-F09BA566@T@sbcglobal.net@0@transactional@tx-a@4@0@1.24@98.136.96.91@421 4.7.0 [TSS04] Messages from 203.0.113.41 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221648@B9/00-06690-019BA566@B9/00-06690-019BA566@B8/00-06690-019BA566@R@rwang@orange.fr@updates@e.newsdaily.net@10.20.0.20@55645@ecstream@mta1-pool@mta1-c
1717221648@B9/00-06690-019BA566@B9/00-06690-019BA566@BA/00-06690-019BA566@D@orange.fr@56282@mta1-pool@mta1-c@0@0.076@151.204.158.62
1717221648@B0/00-06690-F09BA566@AC/00-06690-F09BA566@B6/00-06690-F09BA566@D@gmail.com@58236@mta1-pool@mta1-a@0@1.12@2607:f8b0:4004:c1b::1b
1717221648@B2/00-06690-F09BA566@AC/00-06690-F09BA566@BB/00-06690-019BA566@D@sbcglobal.net@58069@mta1-pool@mta1-a@0@1.20@98.136.96.91
1717221648@BD/00-06690-019BA566@BD/00-06690-019BA566@BC/00-06690-019BA566@R@plewis@gmail.com@msprvs1=19070apth08ol76g=bounces-286589@sparkpostmail1.com@unknown@17501@rest@mta1-pool@mta1-d
1717221648@02/00-06690-0DB06566@02/00-06690-0DB06566@00/00-00000-00000000@P@gmial.com@0@default@default@0@24@306495.00@@554 5.4.7 [internal] exceeded max time without delivery
1717221648@AC/00-06690-F09BA566@AC/00-06690-F09BA566@BE/00-06690-019BA566@D@gmail.com@58096@mta1-pool@mta1-a@0@1.58@172.253.122.27
1717221648@C0/00-06690-019BA566@C0/00-06690-019BA566@BF/00-06690-019BA566@R@johnwhite61@alphagate.com@hello@mail.fitpulse.app@unknown@7151@rest@mta2-pool@mta2-a
1717221648@8F/00-06690-909BA566@8F/00-06690-909BA566@8C/00-06690-809BA566@D@gmail.com@5591@transactional@tx-b@0@7.84@142.250.27.26
1717221648@AE/00-06690-F09BA566@AC/00-06690-F09BA566@C1/00-06690-019BA566@D@me.com@58220@mta1-pool@mta1-a@0@1.84@17.57.154.6
1717221649@BD/00-06690-019BA566@BD/00-06690-019BA566@C2/00-06690-119BA566@D@gmail.com@18013@mta1-pool@mta1-d@0@0.467@142.251.16.27
1717221649@C3/00-06690-119BA566@C3/00-06690-119BA566@95/00-06690-909BA566@R@william.santos@icloud.com@newsletter@news.shopwise.com@10.20.3.31@200026@ecstream@mta1-pool@mta1-c
1717221649@C3/00-06690-119BA566@C3/00-06690-119BA566@C4/00-06690-119BA566@D@icloud.com@200622@mta1-pool@mta1-c@0@0.245@17.57.154.6
1717221650@AD/00-06690-F09BA566@AC/00-06690-F09BA566@C5/00-06690-219BA566@D@outlook.com@58109@mta1-pool@mta1-a@0@3.17@104.47.58.33
1717221650@B3/00-06690-F09BA566@AC/00-06690-F09BA566@C6/00-06690-219BA566@D@protonmail.com@58213@mta1-pool@mta1-a@0@3.36@77.87.34.114
1717221650@C0/00-06690-019BA566@C0/00-06690-019BA566@C7/00-06690-219BA566@D@alphagate.com@7815@mta2-pool@mta2-a@0@1.83@217.231.216.191
1717221650@C9/00-06690-219BA566@C9/00-06690-219BA566@C8/00-06690-219BA566@R@jonwhite@hotmail.co.uk@deals@em.travelnest.com@10.20.0.22@252437@esmtp@mta1-pool@mta1-a
1717221650@CB/00-06690-219BA566@CB/00-06690-219BA566@CA/00-06690-219BA566@R@tmartinez@example.com@hello@mail.fitpulse.app@unknown@232582@rest@mta2-pool@mta2-b
1717221651@C9/00-06690-219BA566@C9/00-06690-219BA566@CC/00-06690-319BA566@D@hotmail.co.uk@253157@mta1-pool@mta1-a@0@0.407@104.47.55.138
1717221651@CB/00-06690-219BA566@CB/00-06690-219BA566@CD/00-06690-319BA566@D@example.com@233253@mta2-pool@mta2-b@0@0.659@151.182.12.112
1717221651@CE/00-06690-319BA566@CE/00-06690-319BA566@AB/00-06690-F09BA566@R@emmalee22@charter.net@alerts@alerts.ridego.com@10.20.0.38@13729@esmtp@transactional@tx-a
1717221651@0C/00-06690-4E8BA566@0B/00-06690-4E8BA566@BE/00-06690-019BA566@D@gmail.com@27223@mta1-pool@mta1-a@0@47.29@172.253.122.27
1717221651@CE/00-06690-319BA566@CE/00-06690-319BA566@CF/00-06690-319BA566@T@charter.net@0@transactional@tx-a@4@0@0.482@185.33.222.174@450 4.2.0 <emmalee22@charter.net>: Recipient address rejected: Greylisted for 300 seconds
1717221652@D1/00-06690-419BA566@D1/00-06690-419BA566@D0/00-06690-419BA566@R@jessica_taylor@sunenergy.com@noreply@notify.bankly.io@unknown@16138@rest@transactional@tx-b
1717221652@D1/00-06690-419BA566@D1/00-06690-419BA566@D2/00-06690-419BA566@D@sunenergy.com@16841@transactional@tx-b@0@0.033@93.136.187.133
1717221652@D4/00-06690-419BA566@D4/00-06690-419BA566@D3/00-06690-419BA566@R@jsilva@gmail.com@deals@em.travelnest.com@10.20.2.20@44618@esmtp@mta1-pool@mta1-c
1717221652@D6/00-06690-419BA566@D6/00-06690-419BA566@D5/00-06690-419BA566@R@rodriguez.kim@outlook.com@msprvs1=19929kfwnj47hx2m=bounces-81648@sparkpostmail1.com@unknown@156563@rest@mta1-pool@mta1-b
1717221653@D6/00-06690-419BA566@D6/00-06690-419BA566@D7/00-06690-519BA566@D@outlook.com@157125@mta1-pool@mta1-b@0@0.257@104.47.55.138
1717221653@D9/00-06690-519BA566@D9/00-06690-519BA566@D8/00-06690-519BA566@R@elizabeth.young@maplepartners.com@newsletter@news.shopwise.com@10.20.0.19@64634@ecstream@mta1-pool@mta1-a
1717221653@D9/00-06690-519BA566@D9/00-06690-519BA566@DA/00-06690-519BA566@D@maplepartners.com@65298@mta1-pool@mta1-a@0@0.038@23.177.150.133
1717221653@DC/00-06690-519BA566@DC/00-06690-519BA566@DB/00-06690-519BA566@R@ganderson@btinternet.com@msprvs1=19613sspx7euh36t=bounces-949907@sparkpostmail1.com@unknown@83621@rest@mta1-pool@mta1-d
1717221653@D4/00-06690-419BA566@D4/00-06690-419BA566@8D/00-06690-809BA566@D@gmail.com@45108@mta1-pool@mta1-c@0@0.885@2607:f8b0:4004:c1b::1b
1717221654@DE/00-06690-619BA566@DE/00-06690-619BA566@DD/00-06690-619BA566@R@jharris@gmail.com@newsletter@news.shopwise.com@10.20.3.33@64473@ecstream@mta1-pool@mta1-b
1717221654@DC/00-06690-519BA566@DC/00-06690-519BA566@DF/00-06690-619BA566@D@btinternet.com@84270@mta1-pool@mta1-d@0@0.960@67.195.204.72
1717221654@DE/00-06690-619BA566@DE/00-06690-619BA566@E0/00-06690-619BA566@D@gmail.com@64995@mta1-pool@mta1-b@0@0.659@64.233.184.26
1717221656@E2/00-06690-819BA566@E2/00-06690-819BA566@E1/00-06690-819BA566@R@kim.moore@cedarsoft.io@noreply@notify.bankly.io@unknown@6134@rest@transactional@tx-b
1717221657@E2/00-06690-819BA566@E2/00-06690-819BA566@E3/00-06690-919BA566@D@cedarsoft.io@6715@transactional@tx-b@0@0.932@37.188.26.90
1717221657@E5/00-06690-919BA566@E5/00-06690-919BA566@E4/00-06690-919BA566@R@jennifer.dubois@att.net@newsletter@news.shopwise.com@10.20.0.32@178069@ecstream@mta1-pool@mta1-a
1717221657@E6/00-06690-919BA566@E5/00-06690-919BA566@E4/00-06690-919BA566@R@jacob+work@gmx.de@newsletter@news.shopwise.com@10.20.0.32@178069@ecstream@mta1-pool@mta1-a
1717221658@E6/00-06690-919BA566@E5/00-06690-919BA566@E7/00-06690-A19BA566@D@gmx.de@178575@mta1-pool@mta1-a@0@0.042@212.195.207.27
1717221658@E5/00-06690-919BA566@E5/00-06690-919BA566@E8/00-06690-A19BA566@D@att.net@178758@mta1-pool@mta1-a@0@0.165@98.136.96.91
1717221658@EA/00-06690-A19BA566@EA/00-06690-A19BA566@E9/00-06690-A19BA566@R@sandralee58@riversoft.fr@team@warm.startupxyz.io@10.20.3.37@33045@esmtp@warmup@warm-1
1717221658@EA/00-06690-A19BA566@EA/00-06690-A19BA566@EB/00-06690-A19BA566@D@riversoft.fr@33667@warmup@warm-1@0@0.222@45.32.225.113
1717221659@ED/00-06690-B19BA566@ED/00-06690-B19BA566@EC/00-06690-B19BA566@R@tallen@yahoo.com@billing@billing.cloudnest.io@unknown@23406@rest@transactional@tx-a
1717221660@ED/00-06690-B19BA566@ED/00-06690-B19BA566@79/00-06690-309BA566@D@yahoo.com@24023@transactional@tx-a@0@0.136@67.195.228.110
1717221660@EF/00-06690-C19BA566@EF/00-06690-C19BA566@EE/00-06690-C19BA566@R@richardzhang@gmail.com@team@warm.startupxyz.io@10.20.2.20@12562@esmtp@warmup@warm-1
1717221661@F1/00-06690-D19BA566@F1/00-06690-D19BA566@F0/00-06690-D19BA566@R@james.zhang@gmail.com@receipts@mail.shopwise.com@10.20.2.34@9800@ecstream@transactional@tx-a
1717221662@EF/00-06690-C19BA566@EF/00-06690-C19BA566@F2/00-06690-E19BA566@D@gmail.com@13111@warmup@warm-1@0@1.09@64.233.184.26
1717221662@F1/00-06690-D19BA566@F1/00-06690-D19BA566@12/00-06690-5E8BA566@D@gmail.com@10280@transactional@tx-a@0@0.650@64.233.184.26
1717221662@F4/00-06690-E19BA566@F4/00-06690-E19BA566@F3/00-06690-E19BA566@R@king.donna@gmail.com@alerts@alerts.ridego.com@10.20.3.33@5444@esmtp@transactional@tx-a
1717221662@F6/00-06690-E19BA566@F6/00-06690-E19BA566@F5/00-06690-E19BA566@R@chrismitchell83@metrodata.io@updates@e.newsdaily.net@10.20.1.17@10730@ecstream@mta1-pool@mta1-c
1717221662@F6/00-06690-E19BA566@F6/00-06690-E19BA566@F7/00-06690-E19BA566@P@metrodata.io@0@mta1-pool@mta1-c@4@0@0.459@23.108.2.130@550 5.1.1 <chrismitchell83@metrodata.io>... User unknown
1717221663@F4/00-06690-E19BA566@F4/00-06690-E19BA566@12/00-06690-5E8BA566@T@gmail.com@0@transactional@tx-a@4@0@1.19@64.233.184.26@450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. Please resend your 450-4.2.1 message at a later point. If the user is able to receive mail at that 450-4.2.1 time, your message will be delivered. For more information, please 450 4.2.1 visit https://support.google.com/mail/?p=ReceivingRate mpx63qmrme6v0-ym71i2d3fisi1942037a34.499 - gsmtp
1717221663@F9/00-06690-F19BA566@F9/00-06690-F19BA566@F8/00-06690-F19BA566@R@stevej3855@gmail.com@billing@billing.cloudnest.io@unknown@109143@rest@transactional@tx-b
1717221663@FB/00-06690-F19BA566@FB/00-06690-F19BA566@FA/00-06690-F19BA566@R@ckumar@example.com@deals@em.travelnest.com@10.20.0.36@37321@esmtp@mta1-pool@mta1-b
1717221664@FD/00-06690-029BA566@FD/00-06690-029BA566@FC/00-06690-029BA566@R@lee.juan@gmail.com@newsletter@news.shopwise.com@10.20.2.17@63736@ecstream@mta1-pool@mta1-a
1717221664@F9/00-06690-F19BA566@F9/00-06690-F19BA566@8C/00-06690-809BA566@P@gmail.com@109841@transactional@tx-b@9@0@0.774@142.250.27.26@550-5.7.1 [203.0.113.42      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError d9vcjp5w1cbhi-qxttipk8jtsi4113192ymu.295 - gsmtp
1717221664@FB/00-06690-F19BA566@FB/00-06690-F19BA566@FE/00-06690-029BA566@T@example.com@37908@mta1-pool@mta1-b@12@0@1.03@151.182.12.112@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717221665@00/01-06690-129BA566@00/01-06690-129BA566@FF/00-06690-129BA566@R@jamesr2692@contoso.com@msprvs1=1970892frhxoasvd=bounces-689285@sparkpostmail1.com@unknown@34595@rest@mta1-pool@mta1-a
1717221665@00/01-06690-129BA566@00/01-06690-129BA566@01/01-06690-129BA566@D@contoso.com@35282@mta1-pool@mta1-a@0@0.078@62.91.159.209
1717221665@03/01-06690-129BA566@03/01-06690-129BA566@02/01-06690-129BA566@R@josh.harris@gmail.com@noreply@notify.bankly.io@unknown@7734@rest@transactional@tx-a
1717221665@03/01-06690-129BA566@03/01-06690-129BA566@12/00-06690-5E8BA566@D@gmail.com@8217@transactional@tx-a@0@0.093@64.233.184.26
1717221666@05/01-06690-229BA566@05/01-06690-229BA566@04/01-06690-229BA566@R@williamhill@hotmail.com@deals@em.travelnest.com@10.20.1.29@11983@esmtp@mta1-pool@mta1-d
1717221666@07/01-06690-229BA566@07/01-06690-229BA566@06/01-06690-229BA566@R@kim_rodriguez@gmail.com@newsletter@news.shopwise.com@10.20.3.23@117036@ecstream@mta1-pool@mta1-a
1717221666@FD/00-06690-029BA566@FD/00-06690-029BA566@BE/00-06690-019BA566@D@gmail.com@64354@mta1-pool@mta1-a@0@2.19@172.253.122.27
1717221666@07/01-06690-229BA566@07/01-06690-229BA566@BE/00-06690-019BA566@D@gmail.com@117663@mta1-pool@mta1-a@0@0.215@172.253.122.27
1717221666@09/01-06690-229BA566@09/01-06690-229BA566@08/01-06690-229BA566@R@twang@gmail.com@hello@mail.fitpulse.app@unknown@13670@rest@mta2-pool@mta2-a
1717221666@09/01-06690-229BA566@09/01-06690-229BA566@0A/01-06690-229BA566@D@gmail.com@14283@mta2-pool@mta2-a@0@0.356@64.233.184.26
1717221667@0C/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@james_flores@charter.net@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@0D/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@josh+home@gmail.com@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@0E/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@andrew+home@yahoo.com@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@0F/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@kevinharris@gmail.com@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@10/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@lindamuller12@gmail.com@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@11/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@anaroberts@nextfoods.co.uk@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@12/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@maria.brown@comcast.net@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@13/01-06690-329BA566@0C/01-06690-329BA566@0B/01-06690-329BA566@R@tonyr1906@summitpath.com.au@receipts@mail.shopwise.com@10.20.1.37@10861@ecstream@transactional@tx-a
1717221667@10/01-06690-329BA566@0C/01-06690-329BA566@12/00-06690-5E8BA566@D@gmail.com@11429@transactional@tx-a@0@0.070@64.233.184.26
1717221668@15/01-06690-429BA566@15/01-06690-429BA566@14/01-06690-429BA566@R@"josh@office"@summitsystems.net@newsletter@news.shopwise.com@10.20.0.20@18712@ecstream@mta1-pool@mta1-b
1717221668@12/01-06690-329BA566@0C/01-06690-329BA566@16/01-06690-429BA566@D@comcast.net@11381@transactional@tx-a@0@0.173@212.217.13.161
1717221668@0D/01-06690-329BA566@0C/01-06690-329BA566@12/00-06690-5E8BA566@D@gmail.com@11577@transactional@tx-a@0@0.247@64.233.184.26
1717221668@0F/01-06690-329BA566@0C/01-06690-329BA566@12/00-06690-5E8BA566@D@gmail.com@11567@transactional@tx-a@0@0.340@64.233.184.26
1717221668@0E/01-06690-329BA566@0C/01-06690-329BA566@79/00-06690-309BA566@T@yahoo.com@11438@transactional@tx-a@9@0@0.346@67.195.228.110@452 4.2.2 <andrew+home@yahoo.com>... Over quota, try again later
1717221668@11/01-06690-329BA566@0C/01-06690-329BA566@17/01-06690-429BA566@D@nextfoods.co.uk@11378@transactional@tx-a@0@0.363@91.16.245.172
1717221668@19/01-06690-429BA566@19/01-06690-429BA566@18/01-06690-429BA566@R@melissa+office@mail.ru@msprvs1=19911g852quqr83d=bounces-433498@sparkpostmail1.com@unknown@10109@rest@mta1-pool@mta1-c
1717221668@0C/01-06690-329BA566@0C/01-06690-329BA566@CF/00-06690-319BA566@D@charter.net@11358@transactional@tx-a@0@0.526@185.33.222.174
1717221668@19/01-06690-429BA566@19/01-06690-429BA566@1A/01-06690-429BA566@T@mail.ru@10758@mta1-pool@mta1-c@12@0@0.071@85.169.179.232@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717221668@13/01-06690-329BA566@0C/01-06690-329BA566@1B/01-06690-429BA566@D@summitpath.com.au@11423@transactional@tx-a@0@0.599@151.61.69.28
1717221668@15/01-06690-429BA566@15/01-06690-429BA566@1C/01-06690-429BA566@D@summitsystems.net@19406@mta1-pool@mta1-b@0@0.819@77.181.176.105
1717221669@05/01-06690-229BA566@05/01-06690-229BA566@1D/01-06690-529BA566@D@hotmail.com@12690@mta1-pool@mta1-d@0@3.03@104.47.55.138
1717221669@69/00-06690-FF8BA566@69/00-06690-FF8BA566@1E/01-06690-529BA566@D@outlook.com@50117@transactional@tx-a@0@37.66@104.47.55.138
1717221670@20/01-06690-629BA566@20/01-06690-629BA566@1F/01-06690-629BA566@R@andrew.nelson@outlook.com@deals@em.travelnest.com@10.20.0.39@86496@esmtp@mta1-pool@mta1-c
1717221671@20/01-06690-629BA566@20/01-06690-629BA566@21/01-06690-729BA566@D@outlook.com@87160@mta1-pool@mta1-c@0@0.247@52.101.8.41
1717221671@23/01-06690-729BA566@23/01-06690-729BA566@22/01-06690-729BA566@R@mary_wilson@outlook.com@info@postalengine.com@10.20.3.29@6545@esmtp@default@default
1717221671@03/00-06690-C45B6566@03/00-06690-C45B6566@00/00-00000-00000000@P@gmial.com@0@mta1-pool@mta1-c@0@21@263131.00@@554 5.4.7 [internal] exceeded max time without delivery
1717221671@25/01-06690-729BA566@25/01-06690-729BA566@24/01-06690-729BA566@R@linda+news@orange.fr@deals@em.travelnest.com@10.20.2.28@54089@esmtp@mta1-pool@mta1-d
1717221671@26/01-06690-729BA566@25/01-06690-729BA566@24/01-06690-729BA566@R@davidj1951@charter.net@deals@em.travelnest.com@10.20.2.28@54089@esmtp@mta1-pool@mta1-d
1717221671@23/01-06690-729BA566@23/01-06690-729BA566@27/01-06690-729BA566@D@outlook.com@6545@default@default@0@0.355@104.47.58.33
1717221672@29/01-06690-829BA566@29/01-06690-829BA566@28/01-06690-829BA566@R@weis4077@gmail.com@msprvs1=19820hxr6xs6hi4y=bounces-901714@sparkpostmail1.com@unknown@49177@rest@mta1-pool@mta1-c
1717221672@26/01-06690-729BA566@25/01-06690-729BA566@2A/01-06690-829BA566@D@charter.net@54611@mta1-pool@mta1-d@0@0.673@185.33.222.174
1717221673@29/01-06690-829BA566@29/01-06690-829BA566@8D/00-06690-809BA566@D@gmail.com@49790@mta1-pool@mta1-c@0@0.950@2607:f8b0:4004:c1b::1b
1717221673@25/01-06690-729BA566@25/01-06690-729BA566@2D/01-06690-929BA566@T@orange.fr@0@mta1-pool@mta1-d@4@0@1.37@151.204.158.62@451 4.7.1 <linda+news@orange.fr>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/orange.fr.html
1717221673@2F/01-06690-929BA566@2F/01-06690-929BA566@2E/01-06690-929BA566@R@kevinp1206@gmail.com@msprvs1=190786yelf0m2ukv=bounces-990525@sparkpostmail1.com@unknown@25875@rest@mta1-pool@mta1-b
1717221674@31/01-06690-A29BA566@31/01-06690-A29BA566@30/01-06690-A29BA566@R@ed.sanchez@yahoo.com@@@10.20.0.21@7308@esmtp@default@default
1717221674@2F/01-06690-929BA566@2F/01-06690-929BA566@E0/00-06690-619BA566@D@gmail.com@26385@mta1-pool@mta1-b@0@0.247@64.233.184.26
1717221674@33/01-06690-A29BA566@33/01-06690-A29BA566@32/01-06690-A29BA566@R@chrisivanov60@fabrikam.com@hello@mail.fitpulse.app@unknown@27514@rest@mta2-pool@mta2-b
1717221674@33/01-06690-A29BA566@33/01-06690-A29BA566@34/01-06690-A29BA566@D@fabrikam.com@28076@mta2-pool@mta2-b@0@0.132@151.88.82.169
1717221675@31/01-06690-A29BA566@31/01-06690-A29BA566@35/01-06690-B29BA566@T@yahoo.com@0@default@default@4@0@0.914@98.136.96.74@421 4.7.0 [TSS04] Messages from 203.0.113.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221675@37/01-06690-B29BA566@37/01-06690-B29BA566@36/01-06690-B29BA566@R@jacob.moore@live.com@noreply@notify.bankly.io@unknown@5019@rest@transactional@tx-a
1717221676@37/01-06690-B29BA566@37/01-06690-B29BA566@38/01-06690-C29BA566@D@live.com@5571@transactional@tx-a@0@1.23@52.101.42.0
1717221677@3A/01-06690-D29BA566@3A/01-06690-D29BA566@39/01-06690-D29BA566@R@ashleyhernandez@gmail.com@noreply@notify.bankly.io@unknown@20771@rest@transactional@tx-a
1717221677@3C/01-06690-D29BA566@3C/01-06690-D29BA566@3B/01-06690-D29BA566@R@paul_white@outlook.com@deals@em.travelnest.com@10.20.2.31@127166@esmtp@mta1-pool@mta1-d
1717221677@3C/01-06690-D29BA566@3C/01-06690-D29BA566@3D/01-06690-D29BA566@D@outlook.com@127751@mta1-pool@mta1-d@0@0.053@104.47.55.138
1717221678@3A/01-06690-D29BA566@3A/01-06690-D29BA566@12/00-06690-5E8BA566@T@gmail.com@0@transactional@tx-a@4@0@0.428@64.233.184.26@450 4.2.0 <ashleyhernandez@gmail.com>: Recipient address rejected: Greylisted for 300 seconds
1717221678@3F/01-06690-E29BA566@3F/01-06690-E29BA566@3E/01-06690-E29BA566@R@gmartinez@Icloud.com@billing@billing.cloudnest.io@unknown@219737@rest@transactional@tx-b
1717221678@40/01-06690-E29BA566@3F/01-06690-E29BA566@3E/01-06690-E29BA566@R@lisatorres@gmail.com@billing@billing.cloudnest.io@unknown@219737@rest@transactional@tx-b
1717221678@41/01-06690-E29BA566@3F/01-06690-E29BA566@3E/01-06690-E29BA566@R@kevin.walker@hotmail.com@billing@billing.cloudnest.io@unknown@219737@rest@transactional@tx-b
1717221678@36/00-06690-3F8BA566@36/00-06690-3F8BA566@42/01-06690-E29BA566@D@mail.ru@66957@mta2-pool@mta2-b@0@59.22@85.169.179.232
1717221679@44/01-06690-F29BA566@44/01-06690-F29BA566@43/01-06690-F29BA566@R@jennifer.ivanov@harbortech.com@receipts@mail.shopwise.com@10.20.3.40@20949@ecstream@transactional@tx-a
1717221679@40/01-06690-E29BA566@3F/01-06690-E29BA566@8C/00-06690-809BA566@D@gmail.com@220268@transactional@tx-b@0@0.509@142.250.27.26
1717221679@41/01-06690-E29BA566@3F/01-06690-E29BA566@45/01-06690-F29BA566@D@hotmail.com@220336@transactional@tx-b@0@0.710@52.101.42.0
1717221680@44/01-06690-F29BA566@44/01-06690-F29BA566@46/01-06690-039BA566@D@harbortech.com@21602@transactional@tx-a@0@1.05@23.94.26.113
1717221680@48/01-06690-039BA566@48/01-06690-039BA566@47/01-06690-039BA566@R@john.clark@gmail.com@receipts@mail.shopwise.com@10.20.3.24@69492@ecstream@transactional@tx-b
1717221682@48/01-06690-039BA566@48/01-06690-039BA566@8C/00-06690-809BA566@D@gmail.com@70115@transactional@tx-b@0@1.23@142.250.27.26
1717221683@4A/01-06690-339BA566@4A/01-06690-339BA566@49/01-06690-339BA566@R@priya_flores@yahoo.com@newsletter@news.shopwise.com@10.20.3.10@49608@ecstream@mta1-pool@mta1-d
1717221683@4C/01-06690-339BA566@4C/01-06690-339BA566@4B/01-06690-339BA566@R@crobinson@msn.com@msprvs1=19713vu5ireon7k0=bounces-154450@sparkpostmail1.com@unknown@14082@rest@mta1-pool@mta1-c
1717221683@4E/01-06690-339BA566@4E/01-06690-339BA566@4D/01-06690-339BA566@R@wei.davis@hotmail.com@hello@mail.fitpulse.app@unknown@4370@rest@mta2-pool@mta2-b
1717221683@4C/01-06690-339BA566@4C/01-06690-339BA566@4F/01-06690-339BA566@D@msn.com@14704@mta1-pool@mta1-c@0@0.249@104.47.58.33
1717221684@51/01-06690-439BA566@51/01-06690-439BA566@50/01-06690-439BA566@R@chloe.scott@gmail.com@receipts@mail.shopwise.com@10.20.3.15@16332@ecstream@transactional@tx-b
1717221684@52/01-06690-439BA566@51/01-06690-439BA566@50/01-06690-439BA566@R@andrew1970@gmail.com@receipts@mail.shopwise.com@10.20.3.15@16332@ecstream@transactional@tx-b
1717221684@53/01-06690-439BA566@51/01-06690-439BA566@50/01-06690-439BA566@R@mia1974@yahoo.com@receipts@mail.shopwise.com@10.20.3.15@16332@ecstream@transactional@tx-b
1717221684@4A/01-06690-339BA566@4A/01-06690-339BA566@54/01-06690-439BA566@D@yahoo.com@50290@mta1-pool@mta1-d@0@1.24@98.136.96.74
1717221684@51/01-06690-439BA566@51/01-06690-439BA566@8C/00-06690-809BA566@T@gmail.com@16915@transactional@tx-b@9@0@0.274@142.250.27.26@421-4.7.28 [203.0.113.42      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. 6czw5d9vineck-f9dfi4a87asi83009111v8.559 - gsmtp
1717221684@53/01-06690-439BA566@51/01-06690-439BA566@55/01-06690-439BA566@D@yahoo.com@16958@transactional@tx-b@0@0.400@67.195.228.110
1717221685@4E/01-06690-339BA566@4E/01-06690-339BA566@56/01-06690-539BA566@D@hotmail.com@4924@mta2-pool@mta2-b@0@1.67@104.47.55.138
1717221685@58/01-06690-539BA566@58/01-06690-539BA566@57/01-06690-539BA566@R@tbrown@fabrikam.com@info@postalengine.com@10.20.3.25@21986@esmtp@default@default
1717221685@58/01-06690-539BA566@58/01-06690-539BA566@59/01-06690-539BA566@T@fabrikam.com@0@default@default@4@0@0.325@151.88.82.116@451 4.7.1 <tbrown@fabrikam.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/fabrikam.com.html
1717221688@5B/01-06690-839BA566@5B/01-06690-839BA566@5A/01-06690-839BA566@R@joshhill8@icloud.com@updates@e.newsdaily.net@10.20.3.33@18278@ecstream@mta1-pool@mta1-c
1717221689@5B/01-06690-839BA566@5B/01-06690-839BA566@5C/01-06690-939BA566@D@icloud.com@18889@mta1-pool@mta1-c@0@0.899@17.42.251.41
1717221689@5E/01-06690-939BA566@5E/01-06690-939BA566@5D/01-06690-939BA566@R@padams@Gmail.com@alerts@alerts.ridego.com@10.20.1.28@12975@esmtp@transactional@tx-a
1717221689@5F/01-06690-939BA566@5E/01-06690-939BA566@5D/01-06690-939BA566@R@sarahlewis50@gmail.com@alerts@alerts.ridego.com@10.20.1.28@12975@esmtp@transactional@tx-a
1717221689@60/01-06690-939BA566@5E/01-06690-939BA566@5D/01-06690-939BA566@R@perez.mia@ironcloud.de@alerts@alerts.ridego.com@10.20.1.28@12975@esmtp@transactional@tx-a
1717221689@5F/01-06690-939BA566@5E/01-06690-939BA566@61/01-06690-939BA566@D@gmail.com@13553@transactional@tx-a@0@0.209@172.253.122.27
1717221690@63/01-06690-A39BA566@63/01-06690-A39BA566@62/01-06690-A39BA566@R@linda.hill@hotmail.com@hello@mail.fitpulse.app@unknown@4442@rest@mta2-pool@mta2-b
1717221690@60/01-06690-939BA566@5E/01-06690-939BA566@64/01-06690-A39BA566@D@ironcloud.de@13608@transactional@tx-a@0@0.423@85.176.254.4
1717221690@63/01-06690-A39BA566@63/01-06690-A39BA566@56/01-06690-539BA566@D@hotmail.com@5089@mta2-pool@mta2-b@0@0.798@104.47.55.138
1717221690@66/01-06690-A39BA566@66/01-06690-A39BA566@65/01-06690-A39BA566@R@maria+news@yandex.ru@msprvs1=19970t9c6ezcy0b7=bounces-238220@sparkpostmail1.com@unknown@32707@rest@mta1-pool@mta1-d
1717221691@68/01-06690-B39BA566@68/01-06690-B39BA566@67/01-06690-B39BA566@R@nick+work@gmail.com@offers@m.homestylehub.com@10.20.1.19@90617@esmtp@mta2-pool@mta2-b
1717221691@5E/01-06690-939BA566@5E/01-06690-939BA566@61/01-06690-939BA566@D@gmail.com@13464@transactional@tx-a@0@1.86@172.253.122.27
1717221692@6A/01-06690-C39BA566@6A/01-06690-C39BA566@69/01-06690-C39BA566@R@jensen.raj@hotmail.com@updates@e.newsdaily.net@10.20.3.10@14707@ecstream@mta1-pool@mta1-a
1717221692@66/01-06690-A39BA566@66/01-06690-A39BA566@6B/01-06690-C39BA566@T@yandex.ru@0@mta1-pool@mta1-d@4@0@1.19@188.198.64.131@452 4.2.2 <maria+news@yandex.ru>: Mailbox full
1717221692@6A/01-06690-C39BA566@6A/01-06690-C39BA566@6C/01-06690-C39BA566@T@hotmail.com@0@mta1-pool@mta1-a@2@0@0.204@52.101.8.41@451 4.7.650 The mail server [203.0.113.21] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [DB5NAM12FT020.eop-nam12.prod.protection.outlook.com]
1717221693@6E/01-06690-D39BA566@6E/01-06690-D39BA566@6D/01-06690-D39BA566@R@michelle.robinson@gmail.com@noreply@notify.bankly.io@unknown@54647@rest@transactional@tx-a
1717221693@70/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@susan.rivera@icloud.com@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@71/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@maria+box@protonmail.com@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@72/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@luis1996@gmail.com@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@73/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@johnp127@mail.ru@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@74/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@ava1956@yahoo.com@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@75/01-06690-D39BA566@70/01-06690-D39BA566@6F/01-06690-D39BA566@R@sophiajackson81@gmail.com@alerts@alerts.ridego.com@10.20.1.14@4649@esmtp@transactional@tx-b
1717221693@72/01-06690-D39BA566@70/01-06690-D39BA566@8C/00-06690-809BA566@D@gmail.com@5327@transactional@tx-b@0@0.139@142.250.27.26
1717221693@73/01-06690-D39BA566@70/01-06690-D39BA566@76/01-06690-D39BA566@D@mail.ru@5157@transactional@tx-b@0@0.197@85.169.179.232
1717221693@6E/01-06690-D39BA566@6E/01-06690-D39BA566@61/01-06690-939BA566@T@gmail.com@0@transactional@tx-a@4@0@0.212@172.253.122.27@452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 5s6l8o1jequg7-z8ld4hia6wsi3014694m61.183 - gsmtp
1717221693@70/01-06690-D39BA566@70/01-06690-D39BA566@77/01-06690-D39BA566@D@icloud.com@5294@transactional@tx-b@0@0.224@17.57.152.5
1717221693@74/01-06690-D39BA566@70/01-06690-D39BA566@55/01-06690-439BA566@D@yahoo.com@5171@transactional@tx-b@0@0.234@67.195.228.110
1717221693@75/01-06690-D39BA566@70/01-06690-D39BA566@8C/00-06690-809BA566@D@gmail.com@5160@transactional@tx-b@0@0.440@142.250.27.26
1717221694@79/01-06690-E39BA566@79/01-06690-E39BA566@78/01-06690-E39BA566@R@weir8317@gmail.com@noreply@notify.bankly.io@unknown@18227@rest@transactional@tx-a
1717221694@7B/01-06690-E39BA566@7B/01-06690-E39BA566@7A/01-06690-E39BA566@R@william_garcia@hotmail.com@offers@m.homestylehub.com@10.20.0.37@26014@esmtp@mta2-pool@mta2-b
1717221694@71/01-06690-D39BA566@70/01-06690-D39BA566@7C/01-06690-E39BA566@T@protonmail.com@0@transactional@tx-b@4@0@0.741@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717221694@79/01-06690-E39BA566@79/01-06690-E39BA566@61/01-06690-939BA566@D@gmail.com@18779@transactional@tx-a@0@0.145@172.253.122.27
1717221694@7E/01-06690-E39BA566@7E/01-06690-E39BA566@7D/01-06690-E39BA566@R@joshhall59@comcast.net@receipts@mail.shopwise.com@10.20.0.21@18945@ecstream@transactional@tx-b
1717221694@80/01-06690-E39BA566@80/01-06690-E39BA566@7F/01-06690-E39BA566@R@thomas1978@hotmail.com@deals@em.travelnest.com@10.20.2.30@146609@esmtp@mta1-pool@mta1-d
1717221694@3F/01-06690-E29BA566@3F/01-06690-E29BA566@77/01-06690-D39BA566@T@icloud.com@0@transactional@tx-b@4@0@16.26@17.57.152.5@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717221694@7E/01-06690-E39BA566@7E/01-06690-E39BA566@81/01-06690-E39BA566@D@comcast.net@19637@transactional@tx-b@0@0.375@212.217.13.161
1717221695@83/01-06690-F39BA566@83/01-06690-F39BA566@82/01-06690-F39BA566@R@matt.king@gmail.com@updates@e.newsdaily.net@10.20.3.21@97276@ecstream@mta1-pool@mta1-d
1717221695@85/01-06690-F39BA566@85/01-06690-F39BA566@84/01-06690-F39BA566@R@zoe_schmidt@fabrikam.com@updates@e.newsdaily.net@10.20.1.32@54055@ecstream@mta1-pool@mta1-c
1717221695@85/01-06690-F39BA566@85/01-06690-F39BA566@86/01-06690-F39BA566@D@fabrikam.com@54656@mta1-pool@mta1-c@0@0.106@151.88.82.116
1717221695@7B/01-06690-E39BA566@7B/01-06690-E39BA566@56/01-06690-539BA566@D@hotmail.com@26507@mta2-pool@mta2-b@0@1.21@104.47.55.138
1717221695@83/01-06690-F39BA566@83/01-06690-F39BA566@87/01-06690-F39BA566@D@gmail.com@97886@mta1-pool@mta1-d@0@0.833@172.253.122.27
1717221696@89/01-06690-049BA566@89/01-06690-049BA566@88/01-06690-049BA566@R@steve.hernandez@gmail.com@no-reply@accounts.gamehub.gg@unknown@4635@rest@transactional@tx-a
1717221696@8A/01-06690-049BA566@89/01-06690-049BA566@88/01-06690-049BA566@R@ryanr8538@outlook.com@no-reply@accounts.gamehub.gg@unknown@4635@rest@transactional@tx-a
1717221696@8B/01-06690-049BA566@89/01-06690-049BA566@88/01-06690-049BA566@R@emily.baker@outlook.com@no-reply@accounts.gamehub.gg@unknown@4635@rest@transactional@tx-a
1717221697@80/01-06690-E39BA566@80/01-06690-E39BA566@1D/01-06690-529BA566@D@hotmail.com@147097@mta1-pool@mta1-d@0@2.49@104.47.55.138
1717221697@8D/01-06690-149BA566@8D/01-06690-149BA566@8C/01-06690-149BA566@R@michael+office@gmail.com@noreply@notify.bankly.io@unknown@2470@rest@transactional@tx-b
1717221697@8B/01-06690-049BA566@89/01-06690-049BA566@1E/01-06690-529BA566@D@outlook.com@5238@transactional@tx-a@0@1.06@104.47.55.138
1717221698@89/01-06690-049BA566@89/01-06690-049BA566@61/01-06690-939BA566@D@gmail.com@5117@transactional@tx-a@0@1.32@172.253.122.27
1717221698@8D/01-06690-149BA566@8D/01-06690-149BA566@8C/00-06690-809BA566@D@gmail.com@2989@transactional@tx-b@0@0.564@142.250.27.26
1717221698@8A/01-06690-049BA566@89/01-06690-049BA566@1E/01-06690-529BA566@P@outlook.com@0@transactional@tx-a@4@0@1.63@104.47.55.138@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [HE1NAM11FT094.eop-nam11.prod.protection.outlook.com]
1717221698@8F/01-06690-249BA566@8F/01-06690-249BA566@8E/01-06690-249BA566@R@david.dubois@gmail.com@receipts@mail.shopwise.com@10.20.2.35@21758@ecstream@transactional@tx-b
1717221699@8F/01-06690-249BA566@8F/01-06690-249BA566@8C/00-06690-809BA566@D@gmail.com@22244@transactional@tx-b@0@0.849@142.250.27.26
1717221700@91/01-06690-449BA566@91/01-06690-449BA566@90/01-06690-449BA566@R@jacob+old@gmail.com@newsletter@news.shopwise.com@10.20.3.27@19603@ecstream@mta1-pool@mta1-d
1717221700@93/01-06690-449BA566@93/01-06690-449BA566@92/01-06690-449BA566@R@ananguyen@yahoo.com@updates@e.newsdaily.net@10.20.0.10@41580@ecstream@mta1-pool@mta1-a
1717221701@95/01-06690-549BA566@95/01-06690-549BA566@94/01-06690-549BA566@R@jlee@gmail.com@msprvs1=196939ftjmg70skv=bounces-166051@sparkpostmail1.com@unknown@30011@rest@mta1-pool@mta1-b
1717221702@93/01-06690-449BA566@93/01-06690-449BA566@96/01-06690-649BA566@D@yahoo.com@42261@mta1-pool@mta1-a@0@1.59@98.136.96.74
1717221702@95/01-06690-549BA566@95/01-06690-549BA566@E0/00-06690-619BA566@D@gmail.com@30529@mta1-pool@mta1-b@0@1.65@64.233.184.26
1717221702@52/01-06690-439BA566@51/01-06690-439BA566@8C/00-06690-809BA566@T@gmail.com@16855@transactional@tx-b@9@0@18.71@142.250.27.26@421-4.7.28 [203.0.113.42      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. g0dc3il0w8fh3-hmxgc995mjsi1543298tn8.195 - gsmtp
1717221703@98/01-06690-749BA566@98/01-06690-749BA566@97/01-06690-749BA566@R@jenniferharris@gmail.com@alerts@alerts.ridego.com@10.20.0.40@31653@esmtp@transactional@tx-a
1717221703@98/01-06690-749BA566@98/01-06690-749BA566@61/01-06690-939BA566@D@gmail.com@32169@transactional@tx-a@0@0.253@172.253.122.27
1717221704@9A/01-06690-849BA566@9A/01-06690-849BA566@99/01-06690-849BA566@R@james_kowalski@example.com@receipts@mail.shopwise.com@10.20.2.14@17371@ecstream@transactional@tx-b
1717221704@9C/01-06690-849BA566@9C/01-06690-849BA566@9B/01-06690-849BA566@R@chen.emma@gmail.com@receipts@mail.shopwise.com@10.20.0.34@18007@ecstream@transactional@tx-a
1717221704@9A/01-06690-849BA566@9A/01-06690-849BA566@9D/01-06690-849BA566@D@example.com@17899@transactional@tx-b@0@0.050@151.182.12.112
1717221704@9C/01-06690-849BA566@9C/01-06690-849BA566@61/01-06690-939BA566@D@gmail.com@18607@transactional@tx-a@0@0.168@172.253.122.27
1717221706@91/01-06690-449BA566@91/01-06690-449BA566@87/01-06690-F39BA566@D@gmail.com@20115@mta1-pool@mta1-d@0@6.46@172.253.122.27
1717221706@@@@M
1717221709@9F/01-06690-D49BA566@9F/01-06690-D49BA566@9E/01-06690-D49BA566@R@ron.thompson@icloud.com@updates@e.newsdaily.net@2001:db8:10::1:5@35257@ecstream@mta1-pool@mta1-a
1717221709@A1/01-06690-D49BA566@A1/01-06690-D49BA566@A0/01-06690-D49BA566@R@joseph1973@yahoo.com@noreply@notify.bankly.io@unknown@5594@rest@transactional@tx-a
1717221709@A1/01-06690-D49BA566@A1/01-06690-D49BA566@A2/01-06690-D49BA566@D@yahoo.com@6097@transactional@tx-a@0@0.112@98.136.96.91
1717221709@9F/01-06690-D49BA566@9F/01-06690-D49BA566@A3/01-06690-D49BA566@D@icloud.com@35865@mta1-pool@mta1-a@0@0.191@17.57.154.6
1717221710@A5/01-06690-E49BA566@A5/01-06690-E49BA566@A4/01-06690-E49BA566@R@betty.smith@yahoo.com@updates@e.newsdaily.net@10.20.1.18@43173@ecstream@mta1-pool@mta1-c
1717221712@A7/01-06690-059BA566@A7/01-06690-059BA566@A6/01-06690-059BA566@R@robinson.carol@yahoo.com@deals@em.travelnest.com@10.20.0.30@29120@esmtp@mta1-pool@mta1-b
1717221712@A7/01-06690-059BA566@A7/01-06690-059BA566@A8/01-06690-059BA566@D@yahoo.com@29648@mta1-pool@mta1-b@0@0.216@67.195.228.110
1717221713@AA/01-06690-159BA566@AA/01-06690-159BA566@A9/01-06690-159BA566@R@paulg8531@gmail.com@msprvs1=190893riz8t346sf=bounces-473327@sparkpostmail1.com@unknown@79542@rest@mta1-pool@mta1-d
1717221713@A5/01-06690-E49BA566@A5/01-06690-E49BA566@AB/01-06690-159BA566@D@yahoo.com@43754@mta1-pool@mta1-c@0@2.86@98.136.96.74
1717221713@AD/01-06690-159BA566@AD/01-06690-159BA566@AC/01-06690-159BA566@R@jessicasmith@northcloud.net@billing@billing.cloudnest.io@unknown@9687@rest@transactional@tx-a
1717221714@AF/01-06690-259BA566@AF/01-06690-259BA566@AE/01-06690-259BA566@R@paul1979@hotmail.com@newsletter@news.shopwise.com@10.20.1.37@103319@ecstream@mta1-pool@mta1-a
1717221714@AD/01-06690-159BA566@AD/01-06690-159BA566@B0/01-06690-259BA566@D@northcloud.net@10333@transactional@tx-a@0@0.332@62.197.2.53
1717221715@AF/01-06690-259BA566@AF/01-06690-259BA566@B1/01-06690-359BA566@P@hotmail.com@0@mta1-pool@mta1-a@4@0@0.903@104.47.55.138@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [SN1EUR10FT060.eop-eur10.prod.protection.outlook.com]
1717221716@B3/01-06690-459BA566@B3/01-06690-459BA566@B2/01-06690-459BA566@R@barbarataylor@aol.com@offers@m.homestylehub.com@10.20.1.27@58526@esmtp@mta2-pool@mta2-b
1717221717@B3/01-06690-459BA566@B3/01-06690-459BA566@B4/01-06690-559BA566@D@aol.com@59081@mta2-pool@mta2-b@0@1.10@67.195.228.110
1717221718@B6/01-06690-659BA566@B6/01-06690-659BA566@B5/01-06690-659BA566@R@jennifer.wright@gmail.com@noreply@notify.bankly.io@unknown@99808@rest@transactional@tx-a
1717221718@BA/01-06690-659BA566@BA/01-06690-659BA566@B9/01-06690-659BA566@R@mariataylor@outlook.com@msprvs1=1927328rhrmm55c5=bounces-418699@sparkpostmail1.com@unknown@20304@rest@mta1-pool@mta1-c
1717221718@BC/01-06690-659BA566@BC/01-06690-659BA566@BB/01-06690-659BA566@R@zoewhite@btinternet.com@noreply@notify.bankly.io@unknown@25803@rest@transactional@tx-b
1717221718@BC/01-06690-659BA566@BC/01-06690-659BA566@BD/01-06690-659BA566@P@btinternet.com@26395@transactional@tx-b@9@0@0.151@98.136.96.74@554 delivery error: dd This user doesn't have a btinternet.com account (zoewhite@btinternet.com) [0] - mta4374.mail.bf1.yahoo.com
1717221719@B6/01-06690-659BA566@B6/01-06690-659BA566@61/01-06690-939BA566@D@gmail.com@100296@transactional@tx-a@0@0.975@172.253.122.27
1717221719@BA/01-06690-659BA566@BA/01-06690-659BA566@BE/01-06690-759BA566@D@outlook.com@21005@mta1-pool@mta1-c@0@1.11@104.47.55.138
1717221720@C0/01-06690-859BA566@C0/01-06690-859BA566@BF/01-06690-859BA566@R@tony.jackson@Hotmail.com@updates@e.newsdaily.net@10.20.3.13@75726@ecstream@mta1-pool@mta1-a
1717221720@C0/01-06690-859BA566@C0/01-06690-859BA566@B1/01-06690-359BA566@P@hotmail.com@0@mta1-pool@mta1-a@2@0@0.094@104.47.55.138@550 5.7.1 Unfortunately, messages from [203.0.113.21] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [DB5NAM10FT093.eop-nam10.prod.protection.outlook.com]
1717221721@C2/01-06690-959BA566@C2/01-06690-959BA566@C1/01-06690-959BA566@R@kevin+mail@aol.com@updates@e.newsdaily.net@10.20.1.33@94432@ecstream@mta1-pool@mta1-c
1717221721@C4/01-06690-959BA566@C4/01-06690-959BA566@C3/01-06690-959BA566@R@william_patel@Pinecore.fr@receipts@mail.shopwise.com@10.20.1.34@84645@ecstream@transactional@tx-b
1717221721@C2/01-06690-959BA566@C2/01-06690-959BA566@C5/01-06690-959BA566@D@aol.com@95100@mta1-pool@mta1-c@0@0.515@67.195.204.72
1717221722@C4/01-06690-959BA566@C4/01-06690-959BA566@C6/01-06690-A59BA566@D@pinecore.fr@85236@transactional@tx-b@0@0.495@217.141.127.23
1717221722@C8/01-06690-A59BA566@C8/01-06690-A59BA566@C7/01-06690-A59BA566@R@sandra.robinson@primebank.com@hello@mail.fitpulse.app@unknown@49735@rest@mta2-pool@mta2-a
1717221723@C8/01-06690-A59BA566@C8/01-06690-A59BA566@C9/01-06690-B59BA566@D@primebank.com@50444@mta2-pool@mta2-a@0@0.439@146.131.173.162
1717221725@CD/01-06690-D59BA566@CD/01-06690-D59BA566@CC/01-06690-D59BA566@R@danielpatel@gmail.com@receipts@mail.shopwise.com@10.20.1.15@12711@ecstream@transactional@tx-b
1717221726@CF/01-06690-E59BA566@CF/01-06690-E59BA566@CE/01-06690-E59BA566@R@anna.williams@gmail.com@hello@mail.fitpulse.app@unknown@73267@rest@mta2-pool@mta2-a
1717221726@CF/01-06690-E59BA566@CF/01-06690-E59BA566@D0/01-06690-E59BA566@P@gmail.com@0@mta2-pool@mta2-a@4@0@0.055@2607:f8b0:4004:c1b::1b@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser m7jm9us5cgffd-9su6otwarvsi7469918ny4.802 - gsmtp
1717221727@CD/01-06690-D59BA566@CD/01-06690-D59BA566@8C/00-06690-809BA566@D@gmail.com@13250@transactional@tx-b@0@1.54@142.250.27.26
1717221728@D2/01-06690-069BA566@D2/01-06690-069BA566@D1/01-06690-069BA566@R@luis.lopez@gmail.com@receipts@mail.shopwise.com@10.20.0.29@65342@ecstream@transactional@tx-b
1717221728@D4/01-06690-069BA566@D4/01-06690-069BA566@D3/01-06690-069BA566@R@wei_perez@gmail.com@receipts@mail.shopwise.com@10.20.0.39@19724@ecstream@transactional@tx-a
1717221729@D6/01-06690-169BA566@D6/01-06690-169BA566@D5/01-06690-169BA566@R@jwright@yahoo.com@noreply@notify.bankly.io@unknown@9163@rest@transactional@tx-b
1717221729@D2/01-06690-069BA566@D2/01-06690-069BA566@8C/00-06690-809BA566@D@gmail.com@65841@transactional@tx-b@0@0.716@142.250.27.26
1717221729@D4/01-06690-069BA566@D4/01-06690-069BA566@61/01-06690-939BA566@D@gmail.com@20240@transactional@tx-a@0@0.873@172.253.122.27
1717221730@D6/01-06690-169BA566@D6/01-06690-169BA566@D7/01-06690-269BA566@D@yahoo.com@9818@transactional@tx-b@0@1.16@98.136.96.91
1717221731@D9/01-06690-369BA566@D9/01-06690-369BA566@D8/01-06690-369BA566@R@markroberts@gmail.com@receipts@mail.shopwise.com@10.20.3.20@98265@ecstream@transactional@tx-a
1717221732@D9/01-06690-369BA566@D9/01-06690-369BA566@61/01-06690-939BA566@P@gmail.com@0@transactional@tx-a@4@0@0.729@172.253.122.27@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser yahfgl95ej55d-xzlgmm3mk1si7276992dtw.388 - gsmtp
1717221734@DB/01-06690-669BA566@DB/01-06690-669BA566@DA/01-06690-669BA566@R@anna_perez@hotmail.co.uk@no-reply@accounts.gamehub.gg@unknown@2504@rest@transactional@tx-a
1717221734@DB/01-06690-669BA566@DB/01-06690-669BA566@DC/01-06690-669BA566@D@hotmail.co.uk@3119@transactional@tx-a@0@0.135@52.101.8.41
1717221734@DE/01-06690-669BA566@DE/01-06690-669BA566@DD/01-06690-669BA566@R@chris.jensen@me.com@noreply@notify.bankly.io@unknown@4128@rest@transactional@tx-a
1717221734@DE/01-06690-669BA566@DE/01-06690-669BA566@DF/01-06690-669BA566@T@me.com@0@transactional@tx-a@4@0@0.047@17.42.251.41@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717221734@E1/01-06690-669BA566@E1/01-06690-669BA566@E0/01-06690-669BA566@R@james_jones@contoso.com@alerts@alerts.ridego.com@10.20.3.32@519@esmtp@transactional@tx-b
1717221735@E1/01-06690-669BA566@E1/01-06690-669BA566@E2/01-06690-769BA566@D@contoso.com@1204@transactional@tx-b@0@0.184@62.91.159.206
1717221735@E4/01-06690-769BA566@E4/01-06690-769BA566@E3/01-06690-769BA566@R@"daniel.kumar@office"@ironsoft.io@info@postalengine.com@10.20.2.40@5631@esmtp@default@default
1717221735@E4/01-06690-769BA566@E4/01-06690-769BA566@E5/01-06690-769BA566@D@ironsoft.io@5631@default@default@0@0.252@185.172.129.224
1717221735@E7/01-06690-769BA566@E7/01-06690-769BA566@E6/01-06690-769BA566@R@chrisr6421@alphahealth.org@updates@e.newsdaily.net@10.20.3.23@48229@ecstream@mta1-pool@mta1-b
1717221735@E7/01-06690-769BA566@E7/01-06690-769BA566@E8/01-06690-769BA566@D@alphahealth.org@48811@mta1-pool@mta1-b@0@0.190@81.95.91.203
1717221737@EA/01-06690-969BA566@EA/01-06690-969BA566@E9/01-06690-969BA566@R@jeffk2728@yahoo.com@updates@e.newsdaily.net@10.20.3.31@94408@ecstream@mta1-pool@mta1-d
1717221738@EC/01-06690-A69BA566@EC/01-06690-A69BA566@EB/01-06690-A69BA566@R@chris_rossi@gmail.com@support@help.cloudnest.io@10.20.3.10@6902@esmtp@default@default
1717221738@EE/01-06690-A69BA566@EE/01-06690-A69BA566@ED/01-06690-A69BA566@R@michellec2776@gmail.com@info@postalengine.com@10.20.1.23@4753@esmtp@default@default
1717221739@EA/01-06690-969BA566@EA/01-06690-969BA566@EF/01-06690-B69BA566@D@yahoo.com@94984@mta1-pool@mta1-d@0@1.76@67.195.228.110
1717221739@EC/01-06690-A69BA566@EC/01-06690-A69BA566@F0/01-06690-B69BA566@D@gmail.com@7484@default@default@0@0.863@172.253.122.27
1717221739@EE/01-06690-A69BA566@EE/01-06690-A69BA566@F0/01-06690-B69BA566@D@gmail.com@4753@default@default@0@0.352@172.253.122.27
1717221739@F2/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@avataylor@yahoo.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F3/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@miathompson81@novapartners.org@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F4/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@davis.john@hotmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F5/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@michellerossi@bluelabs.co.uk@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F6/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@daniel.flores@gmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F7/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@lisa.williams@outlook.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F8/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@mia.davis@gmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@F9/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@ejones@gmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@FA/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@brian2002@gmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@FB/01-06690-B69BA566@F2/01-06690-B69BA566@F1/01-06690-B69BA566@R@david.carter@hotmail.com@alerts@alerts.ridego.com@10.20.1.37@5616@esmtp@transactional@tx-b
1717221739@FA/01-06690-B69BA566@F2/01-06690-B69BA566@8C/00-06690-809BA566@D@gmail.com@6201@transactional@tx-b@0@0.055@142.250.27.26
1717221739@F2/01-06690-B69BA566@F2/01-06690-B69BA566@D7/01-06690-269BA566@D@yahoo.com@6335@transactional@tx-b@0@0.256@98.136.96.91
1717221739@F6/01-06690-B69BA566@F2/01-06690-B69BA566@8C/00-06690-809BA566@P@gmail.com@0@transactional@tx-b@4@0@0.259@142.250.27.26@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ojeslcjxgf2a3-buiickmgk9si27166287d1.226 - gsmtp
1717221739@F3/01-06690-B69BA566@F2/01-06690-B69BA566@FC/01-06690-B69BA566@D@novapartners.org@6302@transactional@tx-b@0@0.397@151.232.54.132
1717221739@F7/01-06690-B69BA566@F2/01-06690-B69BA566@FD/01-06690-B69BA566@T@outlook.com@0@transactional@tx-b@4@0@0.416@52.101.8.41@451 4.7.1 <lisa.williams@outlook.com>: greylisted, try again
1717221739@FF/01-06690-B69BA566@FF/01-06690-B69BA566@FE/01-06690-B69BA566@R@johnr5730@aol.com@info@postalengine.com@10.20.0.36@10136@esmtp@default@default
1717221739@01/02-06690-B69BA566@01/02-06690-B69BA566@00/02-06690-B69BA566@R@betty_campbell@example.com@billing@billing.cloudnest.io@unknown@80457@rest@transactional@tx-b
1717221739@02/02-06690-B69BA566@01/02-06690-B69BA566@00/02-06690-B69BA566@R@mpatel@charter.net@billing@billing.cloudnest.io@unknown@80457@rest@transactional@tx-b
1717221739@04/02-06690-B69BA566@04/02-06690-B69BA566@03/02-06690-B69BA566@R@lauran9522@hotmail.com@newsletter@news.shopwise.com@10.20.3.38@34801@ecstream@mta1-pool@mta1-a
1717221740@06/02-06690-C69BA566@06/02-06690-C69BA566@05/02-06690-C69BA566@R@jessica_wang@gmail.com@deals@em.travelnest.com@10.20.3.40@92639@esmtp@mta1-pool@mta1-c
1717221740@F8/01-06690-B69BA566@F2/01-06690-B69BA566@8C/00-06690-809BA566@D@gmail.com@6110@transactional@tx-b@0@0.763@142.250.27.26
1717221740@06/02-06690-C69BA566@06/02-06690-C69BA566@07/02-06690-C69BA566@T@gmail.com@93135@mta1-pool@mta1-c@9@0@0.048@172.253.122.27@421-4.7.28 [203.0.113.23      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. q3ab51aolm2bh-ydi9td8o2esi1816727ido.341 - gsmtp
1717221740@FB/01-06690-B69BA566@F2/01-06690-B69BA566@08/02-06690-C69BA566@D@hotmail.com@6117@transactional@tx-b@0@0.839@2a01:111:f403::1
1717221740@FF/01-06690-B69BA566@FF/01-06690-B69BA566@09/02-06690-C69BA566@D@aol.com@10136@default@default@0@0.507@98.136.96.74
1717221740@F5/01-06690-B69BA566@F2/01-06690-B69BA566@0A/02-06690-C69BA566@D@bluelabs.co.uk@6211@transactional@tx-b@0@1.13@37.111.134.145
1717221740@02/02-06690-B69BA566@01/02-06690-B69BA566@0B/02-06690-C69BA566@T@charter.net@81073@transactional@tx-b@12@0@0.861@185.33.222.174@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717221740@F4/01-06690-B69BA566@F2/01-06690-B69BA566@08/02-06690-C69BA566@D@hotmail.com@6239@transactional@tx-b@0@1.42@2a01:111:f403::1
1717221740@01/02-06690-B69BA566@01/02-06690-B69BA566@0C/02-06690-C69BA566@P@example.com@0@transactional@tx-b@4@0@1.03@151.182.12.112@550 5.1.1 <betty_campbell@example.com>: Recipient address rejected: User unknown in local recipient table
1717221741@0E/02-06690-D69BA566@0E/02-06690-D69BA566@0D/02-06690-D69BA566@R@jeff.taylor@aol.com@msprvs1=1936792p1o7nb8m3=bounces-198250@sparkpostmail1.com@unknown@29308@rest@mta1-pool@mta1-d
1717221741@04/02-06690-B69BA566@04/02-06690-B69BA566@B1/01-06690-359BA566@D@hotmail.com@35408@mta1-pool@mta1-a@0@1.69@104.47.55.138
1717221741@0E/02-06690-D69BA566@0E/02-06690-D69BA566@0F/02-06690-D69BA566@D@aol.com@29820@mta1-pool@mta1-d@0@0.706@98.136.96.91
1717221742@AA/01-06690-159BA566@AA/01-06690-159BA566@10/02-06690-E69BA566@D@gmail.com@80193@mta1-pool@mta1-d@0@29.58@142.250.27.26
1717221742@12/02-06690-E69BA566@12/02-06690-E69BA566@11/02-06690-E69BA566@R@laura_scott@ironsystems.com.au@alerts@alerts.ridego.com@10.20.0.15@3212@esmtp@transactional@tx-a
1717221743@68/01-06690-B39BA566@68/01-06690-B39BA566@13/02-06690-F69BA566@D@gmail.com@91261@mta2-pool@mta2-b@0@52.17@172.253.122.27
1717221743@15/02-06690-F69BA566@15/02-06690-F69BA566@14/02-06690-F69BA566@R@daniel+travel@northcapital.io@offers@m.homestylehub.com@10.20.3.29@124633@esmtp@mta2-pool@mta2-b
1717221743@15/02-06690-F69BA566@15/02-06690-F69BA566@16/02-06690-F69BA566@D@northcapital.io@125276@mta2-pool@mta2-b@0@0.045@185.98.235.119
1717221746@12/02-06690-E69BA566@12/02-06690-E69BA566@17/02-06690-279BA566@D@ironsystems.com.au@3810@transactional@tx-a@0@3.31@185.42.217.219
1717221746@19/02-06690-279BA566@19/02-06690-279BA566@18/02-06690-279BA566@R@deb.chen@163.com@alerts@alerts.ridego.com@10.20.1.10@75538@esmtp@transactional@tx-a
1717221746@1A/02-06690-279BA566@19/02-06690-279BA566@18/02-06690-279BA566@R@robert1976@aol.com@alerts@alerts.ridego.com@10.20.1.10@75538@esmtp@transactional@tx-a
1717221746@19/02-06690-279BA566@19/02-06690-279BA566@1B/02-06690-279BA566@D@163.com@76051@transactional@tx-a@0@0.444@194.113.234.128
1717221746@1D/02-06690-279BA566@1D/02-06690-279BA566@1C/02-06690-279BA566@R@william+shop@Aol.com@updates@e.newsdaily.net@10.20.1.33@34467@ecstream@mta1-pool@mta1-c
1717221746@1E/02-06690-279BA566@1D/02-06690-279BA566@1C/02-06690-279BA566@R@annad9194@live.com@updates@e.newsdaily.net@10.20.1.33@34467@ecstream@mta1-pool@mta1-c
1717221746@1F/02-06690-279BA566@1D/02-06690-279BA566@1C/02-06690-279BA566@R@annasilva95@gmail.com@updates@e.newsdaily.net@10.20.1.33@34467@ecstream@mta1-pool@mta1-c
1717221747@1D/02-06690-279BA566@1D/02-06690-279BA566@20/02-06690-379BA566@X@aol.com@35064@mta1-pool@mta1-c@0@0.123@10.0.0.11
1717221747@22/02-06690-379BA566@22/02-06690-379BA566@21/02-06690-379BA566@R@barbara.white@hotmail.com@noreply@notify.bankly.io@unknown@876@rest@transactional@tx-b
1717221747@23/02-06690-379BA566@22/02-06690-379BA566@21/02-06690-379BA566@R@ryannovak1@starpath.com@noreply@notify.bankly.io@unknown@876@rest@transactional@tx-b
1717221747@24/02-06690-379BA566@22/02-06690-379BA566@21/02-06690-379BA566@R@james.baker@gmail.com@noreply@notify.bankly.io@unknown@876@rest@transactional@tx-b
1717221747@23/02-06690-379BA566@22/02-06690-379BA566@25/02-06690-379BA566@D@starpath.com@1554@transactional@tx-b@0@0.192@151.231.208.182
1717221747@1F/02-06690-279BA566@1D/02-06690-279BA566@07/02-06690-C69BA566@D@gmail.com@35087@mta1-pool@mta1-c@0@1.02@172.253.122.27
1717221748@1E/02-06690-279BA566@1D/02-06690-279BA566@26/02-06690-479BA566@D@live.com@35135@mta1-pool@mta1-c@0@1.09@104.47.55.138
1717221748@1A/02-06690-279BA566@19/02-06690-279BA566@27/02-06690-479BA566@D@aol.com@76191@transactional@tx-a@0@1.70@67.195.228.110
1717221748@24/02-06690-379BA566@22/02-06690-379BA566@8C/00-06690-809BA566@D@gmail.com@1511@transactional@tx-b@0@0.670@142.250.27.26
1717221749@29/02-06690-579BA566@29/02-06690-579BA566@28/02-06690-579BA566@R@robertg8958@gmail.com@newsletter@news.shopwise.com@10.20.0.20@23040@ecstream@mta1-pool@mta1-c
1717221750@29/02-06690-579BA566@29/02-06690-579BA566@07/02-06690-C69BA566@D@gmail.com@23689@mta1-pool@mta1-c@0@0.740@172.253.122.27
1717221750@2B/02-06690-679BA566@2B/02-06690-679BA566@2A/02-06690-679BA566@R@james1987@comcast.net@newsletter@news.shopwise.com@10.20.3.33@35315@ecstream@mta1-pool@mta1-d
1717221750@2D/02-06690-679BA566@2D/02-06690-679BA566@2C/02-06690-679BA566@R@tony_taylor@aol.com@no-reply@accounts.gamehub.gg@unknown@5792@rest@transactional@tx-b
1717221751@2B/02-06690-679BA566@2B/02-06690-679BA566@2E/02-06690-779BA566@T@comcast.net@35964@mta1-pool@mta1-d@9@0@0.906@212.217.13.69@451 4.3.0 Temporary system failure. Please try again later.
1717221751@30/02-06690-779BA566@30/02-06690-779BA566@2F/02-06690-779BA566@R@william.miller@yahoo.com@noreply@notify.bankly.io@unknown@21776@rest@transactional@tx-a
1717221751@2D/02-06690-679BA566@2D/02-06690-679BA566@31/02-06690-779BA566@D@aol.com@6343@transactional@tx-b@0@0.810@67.195.228.110
1717221751@30/02-06690-779BA566@30/02-06690-779BA566@32/02-06690-779BA566@D@yahoo.com@22438@transactional@tx-a@0@0.259@98.136.96.74
1717221751@34/02-06690-779BA566@34/02-06690-779BA566@33/02-06690-779BA566@R@anna.schmidt@att.net@offers@m.homestylehub.com@10.20.3.37@253537@esmtp@mta2-pool@mta2-a
1717221752@22/02-06690-379BA566@22/02-06690-379BA566@08/02-06690-C69BA566@T@hotmail.com@0@transactional@tx-b@4@0@4.38@2a01:111:f403::1@451 4.7.500 Server busy. Please try again later from [203.0.113.42]. (S77719) [SN1NAM12FT016.eop-nam12.prod.protection.outlook.com]
1717221752@36/02-06690-879BA566@36/02-06690-879BA566@35/02-06690-879BA566@R@barbarayoung@gmail.com@billing@billing.cloudnest.io@unknown@33867@rest@transactional@tx-a
1717221752@34/02-06690-779BA566@34/02-06690-779BA566@37/02-06690-879BA566@T@att.net@0@mta2-pool@mta2-a@4@0@0.776@98.136.96.91@421 4.7.0 [TSS04] Messages from 198.51.100.31 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221752@36/02-06690-879BA566@36/02-06690-879BA566@61/01-06690-939BA566@D@gmail.com@34583@transactional@tx-a@0@0.470@172.253.122.27
1717221753@39/02-06690-979BA566@39/02-06690-979BA566@38/02-06690-979BA566@R@melissa.carter@aol.com@no-reply@accounts.gamehub.gg@unknown@10737@rest@transactional@tx-a
1717221753@39/02-06690-979BA566@39/02-06690-979BA566@27/02-06690-479BA566@D@aol.com@11355@transactional@tx-a@0@0.495@67.195.228.110
1717221753@3B/02-06690-979BA566@3B/02-06690-979BA566@3A/02-06690-979BA566@R@ron.smith@yahoo.com@receipts@mail.shopwise.com@10.20.3.12@13612@ecstream@transactional@tx-a
1717221754@3C/02-06690-A79BA566@3C/02-06690-A79BA566@1C/02-06690-279BA566@R@priya.davis@gmail.com@info@postalengine.com@10.20.1.33@10909@esmtp@default@default
1717221755@3C/02-06690-A79BA566@3C/02-06690-A79BA566@F0/01-06690-B69BA566@D@gmail.com@10909@default@default@0@0.587@172.253.122.27
1717221755@3B/02-06690-979BA566@3B/02-06690-979BA566@32/02-06690-779BA566@D@yahoo.com@14231@transactional@tx-a@0@2.04@98.136.96.74
1717221755@3E/02-06690-B79BA566@3E/02-06690-B79BA566@3D/02-06690-B79BA566@R@donna.rivera@gmail.com@billing@billing.cloudnest.io@unknown@13865@rest@transactional@tx-a
1717221755@3F/02-06690-B79BA566@3E/02-06690-B79BA566@3D/02-06690-B79BA566@R@ron_miller@yahoo.com@billing@billing.cloudnest.io@unknown@13865@rest@transactional@tx-a
1717221756@3F/02-06690-B79BA566@3E/02-06690-B79BA566@32/02-06690-779BA566@D@yahoo.com@14525@transactional@tx-a@0@0.418@98.136.96.74
1717221756@3E/02-06690-B79BA566@3E/02-06690-B79BA566@61/01-06690-939BA566@D@gmail.com@14582@transactional@tx-a@0@0.494@172.253.122.27
1717221756@41/02-06690-C79BA566@41/02-06690-C79BA566@40/02-06690-C79BA566@R@nancyh9434@me.com@msprvs1=1940221u0fneudli=bounces-19308@sparkpostmail1.com@unknown@67622@rest@mta1-pool@mta1-b
1717221757@41/02-06690-C79BA566@41/02-06690-C79BA566@42/02-06690-D79BA566@D@me.com@68328@mta1-pool@mta1-b@0@0.226@17.57.152.5
1717221759@44/02-06690-F79BA566@44/02-06690-F79BA566@43/02-06690-F79BA566@R@thomas1964@outlook.com@newsletter@news.shopwise.com@10.20.1.40@11215@ecstream@mta1-pool@mta1-a
1717221759@44/02-06690-F79BA566@44/02-06690-F79BA566@45/02-06690-F79BA566@D@outlook.com@11742@mta1-pool@mta1-a@0@0.158@52.101.8.41
1717221759@47/02-06690-F79BA566@47/02-06690-F79BA566@46/02-06690-F79BA566@R@williams.patricia@nextpath.ca@receipts@mail.shopwise.com@10.20.3.21@27290@ecstream@transactional@tx-b
1717221759@47/02-06690-F79BA566@47/02-06690-F79BA566@48/02-06690-F79BA566@D@nextpath.ca@27829@transactional@tx-b@0@0.194@45.104.94.133
1717221759@4A/02-06690-F79BA566@4A/02-06690-F79BA566@49/02-06690-F79BA566@R@lopez.james@hotmail.com@msprvs1=19557xwo2xs0gpju=bounces-478993@sparkpostmail1.com@unknown@26297@rest@mta1-pool@mta1-b
1717221760@4A/02-06690-F79BA566@4A/02-06690-F79BA566@4B/02-06690-089BA566@D@hotmail.com@26786@mta1-pool@mta1-b@0@0.607@104.47.58.33
1717221763@4D/02-06690-389BA566@4D/02-06690-389BA566@4C/02-06690-389BA566@R@cwang@free.fr@hello@mail.fitpulse.app@unknown@82445@rest@mta2-pool@mta2-b
1717221763@4D/02-06690-389BA566@4D/02-06690-389BA566@4E/02-06690-389BA566@D@free.fr@83128@mta2-pool@mta2-b@0@0.242@212.194.82.142
1717221764@50/02-06690-489BA566@50/02-06690-489BA566@4F/02-06690-489BA566@R@azhang@googlemail.com@noreply@notify.bankly.io@unknown@3544@rest@transactional@tx-b
1717221764@51/02-06690-489BA566@50/02-06690-489BA566@4F/02-06690-489BA566@R@susanw2561@comcast.net@noreply@notify.bankly.io@unknown@3544@rest@transactional@tx-b
1717221764@52/02-06690-489BA566@50/02-06690-489BA566@4F/02-06690-489BA566@R@lopez.chris@aol.com@noreply@notify.bankly.io@unknown@3544@rest@transactional@tx-b
1717221764@52/02-06690-489BA566@50/02-06690-489BA566@31/02-06690-779BA566@D@aol.com@4073@transactional@tx-b@0@0.269@67.195.228.110
1717221764@50/02-06690-489BA566@50/02-06690-489BA566@53/02-06690-489BA566@D@googlemail.com@4161@transactional@tx-b@0@0.471@64.233.184.26
1717221764@55/02-06690-489BA566@55/02-06690-489BA566@54/02-06690-489BA566@R@jon.white@gmail.com@newsletter@news.shopwise.com@10.20.0.16@26707@ecstream@mta1-pool@mta1-d
1717221766@57/02-06690-689BA566@57/02-06690-689BA566@56/02-06690-689BA566@R@maria_jensen@gmail.com@deals@em.travelnest.com@10.20.3.38@28292@esmtp@mta1-pool@mta1-d
1717221766@55/02-06690-489BA566@55/02-06690-489BA566@58/02-06690-689BA566@X@gmail.com@27194@mta1-pool@mta1-d@0@2.18@10.0.0.11
1717221766@@@@M
1717221767@5A/02-06690-789BA566@5A/02-06690-789BA566@59/02-06690-789BA566@R@juan.wright@gmail.com@receipts@mail.shopwise.com@10.20.3.14@385590@ecstream@transactional@tx-b
1717221767@5A/02-06690-789BA566@5A/02-06690-789BA566@8C/00-06690-809BA566@D@gmail.com@386155@transactional@tx-b@0@0.119@142.250.27.26
1717221768@5C/02-06690-889BA566@5C/02-06690-889BA566@5B/02-06690-889BA566@R@tonyjensen86@sbcglobal.net@offers@m.homestylehub.com@2001:db8:10::1:5@104219@esmtp@mta2-pool@mta2-a
1717221768@51/02-06690-489BA566@50/02-06690-489BA566@5D/02-06690-889BA566@D@comcast.net@4102@transactional@tx-b@0@4.15@212.217.13.56
1717221769@5F/02-06690-989BA566@5F/02-06690-989BA566@5E/02-06690-989BA566@R@deb1970@aquacapital.fr@hello@mail.fitpulse.app@unknown@68507@rest@mta2-pool@mta2-b
1717221769@5C/02-06690-889BA566@5C/02-06690-889BA566@60/02-06690-989BA566@D@sbcglobal.net@104920@mta2-pool@mta2-a@0@1.41@67.195.228.110
1717221778@57/02-06690-689BA566@57/02-06690-689BA566@61/02-06690-299BA566@D@gmail.com@28824@mta1-pool@mta1-d@0@12.24@64.233.184.26
1717221786@5F/02-06690-989BA566@5F/02-06690-989BA566@62/02-06690-A99BA566@D@aquacapital.fr@69133@mta2-pool@mta2-b@0@17.35@146.78.125.43
1717221795@F9/01-06690-B69BA566@F2/01-06690-B69BA566@8C/00-06690-809BA566@D@gmail.com@6328@transactional@tx-b@0@56.64@142.250.27.26
1717221826@@@@M
1717221886@@@@M
1717221925@CE/00-06690-319BA566@CE/00-06690-319BA566@63/02-06690-52ABA566@D@charter.net@14329@transactional@tx-a@1@274.00@185.33.222.174
1717221939@78/00-06690-309BA566@78/00-06690-309BA566@64/02-06690-33ABA566@T@brightcloud.ca@3016@transactional@tx-b@12@1@303.74@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717221943@67/00-06690-EF8BA566@67/00-06690-EF8BA566@65/02-06690-73ABA566@T@bluelabs.co.uk@0@transactional@tx-a@4@1@313.11@37.111.134.48@451 4.7.1 <annalewis68@bluelabs.co.uk>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/bluelabs.co.uk.html
1717221946@@@@M
1717221960@AA/00-06690-E09BA566@AA/00-06690-E09BA566@66/02-06690-84ABA566@T@sbcglobal.net@0@transactional@tx-a@4@1@313.55@67.195.228.110@421 4.7.0 [TSS04] Messages from 203.0.113.41 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221967@A3/00-06690-C09BA566@A3/00-06690-C09BA566@67/02-06690-F4ABA566@D@yahoo.com@8190@transactional@tx-b@1@322.46@98.136.96.74
1717221967@0E/01-06690-329BA566@0C/01-06690-329BA566@68/02-06690-F4ABA566@T@yahoo.com@11438@transactional@tx-a@9@1@299.56@67.195.204.72@452 4.2.2 <andrew+home@yahoo.com>... Over quota, try again later
1717221979@6E/01-06690-D39BA566@6E/01-06690-D39BA566@69/02-06690-B5ABA566@D@gmail.com@55159@transactional@tx-a@1@285.66@172.253.122.27
1717221982@F4/00-06690-E19BA566@F4/00-06690-E19BA566@69/02-06690-B5ABA566@D@gmail.com@6017@transactional@tx-a@1@320.52@172.253.122.27
1717221983@71/01-06690-D39BA566@70/01-06690-D39BA566@6A/02-06690-F5ABA566@T@protonmail.com@0@transactional@tx-b@4@1@290.34@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717221990@3A/01-06690-D29BA566@3A/01-06690-D29BA566@69/02-06690-B5ABA566@D@gmail.com@21333@transactional@tx-a@1@312.21@172.253.122.27
1717221994@3F/01-06690-E29BA566@3F/01-06690-E29BA566@6B/02-06690-A6ABA566@T@icloud.com@0@transactional@tx-b@4@1@315.34@17.57.152.5@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717222001@51/01-06690-439BA566@51/01-06690-439BA566@6C/02-06690-17ABA566@D@gmail.com@16915@transactional@tx-b@1@317.61@142.251.16.27
1717222006@@@@M
1717222021@52/01-06690-439BA566@51/01-06690-439BA566@6D/02-06690-58ABA566@D@gmail.com@16855@transactional@tx-b@1@337.44@172.253.122.27
1717222025@02/02-06690-B69BA566@01/02-06690-B69BA566@6E/02-06690-98ABA566@D@charter.net@81073@transactional@tx-b@1@285.90@185.33.222.174
1717222034@F7/01-06690-B69BA566@F2/01-06690-B69BA566@6F/02-06690-29ABA566@D@outlook.com@6324@transactional@tx-b@1@295.09@104.47.58.33
1717222058@DE/01-06690-669BA566@DE/01-06690-669BA566@70/02-06690-AAABA566@T@me.com@0@transactional@tx-a@4@1@324.47@17.57.154.6@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717222066@@@@M
1717222069@22/02-06690-379BA566@22/02-06690-379BA566@71/02-06690-5BABA566@D@hotmail.com@1488@transactional@tx-b@1@321.94@104.47.58.33
1717222126@@@@M
1717222186@@@@M
1717222246@@@@M
1717222306@@@@M
1717222366@@@@M
1717222426@@@@M
1717222486@@@@M
1717222518@AA/00-06690-E09BA566@AA/00-06690-E09BA566@72/02-06690-67CBA566@D@sbcglobal.net@7181@transactional@tx-a@2@871.45@67.195.228.110
1717222518@67/00-06690-EF8BA566@67/00-06690-EF8BA566@73/02-06690-67CBA566@D@bluelabs.co.uk@14232@transactional@tx-a@2@887.99@37.111.134.48
1717222532@0E/01-06690-329BA566@0C/01-06690-329BA566@74/02-06690-48CBA566@T@yahoo.com@11438@transactional@tx-a@9@2@864.86@98.136.96.91@452 4.2.2 <andrew+home@yahoo.com>... Over quota, try again later
1717222546@@@@M
1717222554@71/01-06690-D39BA566@70/01-06690-D39BA566@75/02-06690-A9CBA566@T@protonmail.com@0@transactional@tx-b@4@2@861.11@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717222574@78/00-06690-309BA566@78/00-06690-309BA566@76/02-06690-EACBA566@T@brightcloud.ca@3016@transactional@tx-b@12@2@938.88@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717222603@3F/01-06690-E29BA566@3F/01-06690-E29BA566@77/02-06690-BCCBA566@D@icloud.com@220247@transactional@tx-b@2@924.78@17.42.251.41
1717222606@@@@M
1717222617@DE/01-06690-669BA566@DE/01-06690-669BA566@78/02-06690-9DCBA566@T@me.com@0@transactional@tx-a@4@2@882.83@17.57.154.6@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717222666@@@@M
1717222726@@@@M
1717222750@33/00-06690-2F8BA566@33/00-06690-2F8BA566@79/02-06690-E5DBA566@T@att.net@0@mta1-pool@mta1-d@4@1@1131.53@98.136.96.91@421 4.7.0 [TSS04] Messages from 203.0.113.24 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717222750@19/01-06690-429BA566@19/01-06690-429BA566@7A/02-06690-E5DBA566@T@mail.ru@10758@mta1-pool@mta1-c@12@1@1082.43@85.169.179.232@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717222774@16/00-06690-9E8BA566@16/00-06690-9E8BA566@7B/02-06690-67DBA566@D@gmail.com@175734@mta1-pool@mta1-a@1@1164.91@142.251.16.27
1717222786@@@@M
1717222801@31/01-06690-A29BA566@31/01-06690-A29BA566@7C/02-06690-19DBA566@D@yahoo.com@7308@default@default@1@1127.08@67.195.204.72
1717222827@66/01-06690-A39BA566@66/01-06690-A39BA566@7D/02-06690-BADBA566@T@yandex.ru@0@mta1-pool@mta1-d@4@1@1136.12@188.198.64.131@452 4.2.2 <maria+news@yandex.ru>: Mailbox full
1717222832@18/00-06690-AE8BA566@18/00-06690-AE8BA566@7E/02-06690-0BDBA566@T@outlook.com@0@default@default@4@1@1222.12@52.101.42.0@451 4.7.500 Server busy. Please try again later from [203.0.113.10]. (S77719) [BN8NAM12FT052.eop-nam12.prod.protection.outlook.com]
1717222839@25/01-06690-729BA566@25/01-06690-729BA566@7F/02-06690-7BDBA566@D@orange.fr@54737@mta1-pool@mta1-d@1@1167.60@151.204.158.62
1717222846@@@@M
1717222851@6A/01-06690-C39BA566@6A/01-06690-C39BA566@80/02-06690-3CDBA566@D@hotmail.com@15323@mta1-pool@mta1-a@1@1159.61@104.47.58.33
1717222851@FB/00-06690-F19BA566@FB/00-06690-F19BA566@81/02-06690-3CDBA566@T@example.com@37908@mta1-pool@mta1-b@12@1@1187.89@151.182.12.112@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717222884@2B/02-06690-679BA566@2B/02-06690-679BA566@82/02-06690-4EDBA566@T@comcast.net@35964@mta1-pool@mta1-d@9@1@1134.47@212.217.13.161@451 4.3.0 Temporary system failure. Please try again later.
1717222906@@@@M
1717222949@06/02-06690-C69BA566@06/02-06690-C69BA566@83/02-06690-52EBA566@D@gmail.com@93135@mta1-pool@mta1-c@1@1209.69@64.233.184.26
1717222966@@@@M
1717222984@58/01-06690-539BA566@58/01-06690-539BA566@84/02-06690-84EBA566@T@fabrikam.com@0@default@default@4@1@1298.77@151.88.82.169@451 4.7.1 <tbrown@fabrikam.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/fabrikam.com.html
1717223026@@@@M
1717223086@@@@M
1717223146@@@@M
1717223206@@@@M
1717223266@@@@M
1717223326@@@@M
1717223386@@@@M
1717223446@@@@M
1717223506@@@@M
1717223566@@@@M
1717223607@34/02-06690-779BA566@34/02-06690-779BA566@85/02-06690-7B0CA566@D@att.net@254149@mta2-pool@mta2-a@1@1855.16@98.136.96.91
1717223626@@@@M
1717223686@@@@M
1717223719@DE/01-06690-669BA566@DE/01-06690-669BA566@86/02-06690-721CA566@T@me.com@0@transactional@tx-a@4@3@1984.87@17.57.152.5@450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137
1717223746@@@@M
1717223758@71/01-06690-D39BA566@70/01-06690-D39BA566@87/02-06690-E41CA566@T@protonmail.com@0@transactional@tx-b@4@3@2064.67@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717223806@@@@M
1717223820@0E/01-06690-329BA566@0C/01-06690-329BA566@88/02-06690-C81CA566@P@yahoo.com@11438@transactional@tx-a@9@3@2152.44@98.136.96.74@552 5.2.2 <andrew+home@yahoo.com>... Mailbox full
1717223866@@@@M
1717223876@78/00-06690-309BA566@78/00-06690-309BA566@89/02-06690-4C1CA566@T@brightcloud.ca@3016@transactional@tx-b@12@3@2240.90@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717223926@@@@M
1717223986@@@@M
1717224046@@@@M
1717224106@@@@M
1717224166@@@@M
1717224226@@@@M
1717224286@@@@M
1717224346@@@@M
1717224406@@@@M
1717224466@@@@M
1717224526@@@@M
1717224586@@@@M
1717224646@@@@M
1717224706@@@@M
1717224766@@@@M
1717224826@@@@M
1717224886@@@@M
1717224946@@@@M
1717225006@@@@M
1717225029@66/01-06690-A39BA566@66/01-06690-A39BA566@8A/02-06690-546CA566@P@yandex.ru@0@mta1-pool@mta1-d@4@2@3339.05@188.198.64.131@552 5.2.2 <maria+news@yandex.ru>: Mailbox full
1717225066@@@@M
1717225126@@@@M
1717225186@@@@M
1717225204@2B/02-06690-679BA566@2B/02-06690-679BA566@8B/02-06690-4F6CA566@T@comcast.net@35964@mta1-pool@mta1-d@9@2@3454.62@212.217.13.161@451 4.3.0 Temporary system failure. Please try again later.
1717225218@33/00-06690-2F8BA566@33/00-06690-2F8BA566@8C/02-06690-207CA566@D@att.net@92370@mta1-pool@mta1-d@2@3600.00@98.136.96.91
1717225246@@@@M
1717225265@18/00-06690-AE8BA566@18/00-06690-AE8BA566@8D/02-06690-137CA566@D@outlook.com@2769@default@default@2@3655.00@104.47.55.138
1717225306@@@@M
1717225314@19/01-06690-429BA566@19/01-06690-429BA566@8E/02-06690-267CA566@D@mail.ru@10758@mta1-pool@mta1-c@2@3646.00@85.169.179.232
1717225366@@@@M
1717225399@FB/00-06690-F19BA566@FB/00-06690-F19BA566@8F/02-06690-7B7CA566@D@example.com@37908@mta1-pool@mta1-b@2@3735.00@151.182.12.112
1717225426@@@@M
1717225466@58/01-06690-539BA566@58/01-06690-539BA566@90/02-06690-AF7CA566@D@fabrikam.com@21986@default@default@2@3781.00@151.88.82.116
1717225486@@@@M
1717225546@@@@M
1717225606@@@@M
1717225666@@@@M
1717225726@@@@M
1717225786@@@@M
1717225846@@@@M
1717225906@@@@M
1717225966@@@@M
1717226026@@@@M
1717226032@DE/01-06690-669BA566@DE/01-06690-669BA566@00/00-00000-00000000@P@me.com@0@transactional@tx-a@0@4@4298.00@@554 5.4.7 [internal] exceeded max time without delivery
1717226067@71/01-06690-D39BA566@70/01-06690-D39BA566@00/00-00000-00000000@P@protonmail.com@0@transactional@tx-b@0@4@4373.00@@554 5.4.7 [internal] exceeded max time without delivery
1717226086@@@@M
1717226146@@@@M
1717226206@@@@M
1717226266@@@@M
1717226326@@@@M
1717226365@78/00-06690-309BA566@78/00-06690-309BA566@00/00-00000-00000000@P@brightcloud.ca@0@transactional@tx-b@0@4@4729.00@@554 5.4.7 [internal] exceeded max time without delivery
1717226386@@@@M
1717226446@@@@M
1717226506@@@@M
1717226566@@@@M
1717226626@@@@M
1717226686@@@@M
1717226746@@@@M
1717226806@@@@M
1717226866@@@@M
1717226926@@@@M
1717226986@@@@M
1717227046@@@@M
1717227106@@@@M
1717227166@@@@M
1717227226@@@@M
1717227286@@@@M
1717227346@@@@M
1717227406@@@@M
1717227466@@@@M
1717227526@@@@M
1717227586@@@@M
1717227646@@@@M
1717227706@@@@M
1717227766@@@@M
1717227826@@@@M
1717227886@@@@M
1717227946@@@@M
1717228006@@@@M
1717228066@@@@M
1717228126@@@@M
1717228186@@@@M
1717228246@@@@M
1717228306@@@@M
1717228366@@@@M
1717228426@@@@M
1717228486@@@@M
1717228546@@@@M
1717228606@@@@M
1717228666@@@@M
1717228726@@@@M
1717228786@@@@M
1717228846@@@@M
1717228906@@@@M
1717228950@2B/02-06690-679BA566@2B/02-06690-679BA566@91/02-06690-695DA566@D@comcast.net@35964@mta1-pool@mta1-d@3@7200.00@212.217.13.69
